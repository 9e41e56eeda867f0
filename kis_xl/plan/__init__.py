"""The small vocabulary actions hand to sinks: the WritePlan, the sheets it generates, and the
KisError any layer raises to stop an action with a Polish message.

It imports nothing of the package, so the sinks, the xlsx toolkit, the workbook's template and
the report can all speak it without looking up at the actions that build plans.
"""
