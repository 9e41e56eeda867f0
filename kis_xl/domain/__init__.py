"""Pure computations on a club's records: rules, hours, outcomes, the self-help club; findings. No
files here.
"""
