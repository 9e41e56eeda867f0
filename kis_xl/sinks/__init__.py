"""Where an action's WritePlan lands: a closed .xlsx on disk (xlsx/) or the workbook open in Excel
(xlwings).
"""
