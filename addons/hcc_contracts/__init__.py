from . import tools
from . import models
from . import wizard
