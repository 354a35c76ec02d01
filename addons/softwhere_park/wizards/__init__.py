from . import softwhere_line_change_plan, softwhere_line_terminate
