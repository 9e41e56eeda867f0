"""The bundled demo club and the run that shows every action on it.
"""
