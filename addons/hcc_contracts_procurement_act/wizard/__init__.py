from . import hcc_transparency_export
