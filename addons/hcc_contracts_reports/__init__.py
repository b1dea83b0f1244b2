from . import report
