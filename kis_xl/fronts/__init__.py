"""Thin fronts over the actions: the kis-xl command line, the Excel ribbon and its add-in, result
printing.
"""
