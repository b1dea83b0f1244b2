from . import hcc_contract_terms_wizard
from . import hcc_document_archive_wizard
from . import hcc_confirm_wizard
from . import hcc_data_return_query_wizard
from . import hcc_register_import
