import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# recorded or not: a blank is "nobody recorded it", never "No"
YES_NO = [("yes", "Yes"), ("no", "No")]


class ResPartner(models.Model):
    """What the Local Government Transparency Code 2015 publishes about a
    supplier besides its name and Companies House number (``company_registry``):
    its charity number and whether it is an SME or a voluntary or community
    sector organisation (VCSE), each Yes, No, or blank while nobody recorded
    it."""

    _inherit = "res.partner"

    hcc_charity_number = fields.Char(
        string="Charity Number",
        help="Number in the register of the Charity Commission (or the Scottish "
        "or Northern Ireland regulator).",
    )
    hcc_is_sme = fields.Selection(
        YES_NO,
        string="SME",
        help="A small or medium-sized enterprise: fewer than 250 staff, and a "
        "turnover of at most €50 million or a balance sheet of at most €43 "
        "million. Left blank while not known: the Transparency Code register "
        "then leaves it blank too.",
    )
    hcc_is_vcse = fields.Selection(
        YES_NO,
        string="VCSE",
        help="A voluntary, community or social enterprise organisation (a "
        "charity, a community interest company, a mutual...). Left blank while "
        "not known: the Transparency Code register then leaves it blank too.",
    )


# Companies House numbers: eight digits, or two letters (SC Scotland, NI
# Northern Ireland, OC LLP...) and six digits
COMPANY_NUMBER_RE = re.compile(r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$")
# charity numbers and the org-id.guide scheme of their register: England and
# Wales (six or seven digits), Scotland (SC and six digits), Northern Ireland
# (NIC and six digits, or the register's 1xxxxx numbers)
CHARITY_SCHEMES = [
    (re.compile(r"^SC[0-9]{6}$"), "GB-SC"),
    (re.compile(r"^NIC[0-9]{6}$"), "GB-NIC"),
    (re.compile(r"^[0-9]{6,7}$"), "GB-CHC"),
]
# the Public Procurement Organisation Number Find a Tender shows, e.g.
# PBHM-7586-PWLP: four letters, four digits, four letters
PPON_RE = re.compile(r"^P[A-Z]{3}-[0-9]{4}-[A-Z]{4}$")
# an International Territorial Level code, as Find a Tender gives a region
ITL_RE = re.compile(r"^UK[C-N]([0-9]{1,2}[0-9A-Z]?)?$")


class ResPartnerOcds(models.Model):
    """The identifiers Find a Tender publishes for a buyer or a supplier, kept
    where Odoo keeps them (Companies House number in ``company_registry``) and
    checked in the formats Find a Tender accepts."""

    _inherit = "res.partner"

    hcc_ppon = fields.Char(
        string="PPON",
        help="Public Procurement Organisation Number the Central Digital Platform "
        "gave the organisation when it registered, e.g. PBHM-7586-PWLP.",
    )
    hcc_itl_region = fields.Char(
        string="Region (ITL)",
        help="International Territorial Level code of the address, as Find a "
        "Tender publishes it, e.g. UKJ36 for Central Hampshire.",
    )

    @api.constrains(
        "company_registry", "hcc_charity_number", "hcc_ppon", "hcc_itl_region"
    )
    def _check_hcc_identifiers(self):
        for partner in self:
            uk = partner.country_id.code in (False, "GB")
            if (
                uk
                and partner.company_registry
                and not COMPANY_NUMBER_RE.match(partner.company_registry)
            ):
                raise ValidationError(
                    _(
                        "%(name)s: “%(value)s” is not a Companies House number, "
                        "which has eight characters, e.g. 01234567 or SC123456.",
                        name=partner.display_name,
                        value=partner.company_registry,
                    )
                )
            if partner.hcc_charity_number and not partner._hcc_charity_scheme():
                raise ValidationError(
                    _(
                        "%(name)s: “%(value)s” is not a charity number of England "
                        "and Wales (six or seven digits), Scotland (SC and six "
                        "digits) or Northern Ireland (NIC and six digits).",
                        name=partner.display_name,
                        value=partner.hcc_charity_number,
                    )
                )
            if partner.hcc_ppon and not PPON_RE.match(partner.hcc_ppon):
                raise ValidationError(
                    _(
                        "%(name)s: “%(value)s” is not a PPON as Find a Tender shows "
                        "it, e.g. PBHM-7586-PWLP.",
                        name=partner.display_name,
                        value=partner.hcc_ppon,
                    )
                )
            if partner.hcc_itl_region and not ITL_RE.match(partner.hcc_itl_region):
                raise ValidationError(
                    _(
                        "%(name)s: “%(value)s” is not an ITL region code, e.g. UKJ36.",
                        name=partner.display_name,
                        value=partner.hcc_itl_region,
                    )
                )

    def _hcc_charity_scheme(self):
        self.ensure_one()
        for pattern, scheme in CHARITY_SCHEMES:
            if self.hcc_charity_number and pattern.match(self.hcc_charity_number):
                return scheme
        return False

    def _hcc_ocds_identifiers(self, buyer=False):
        """The organisation's identifiers as OCDS ``Identifier`` objects, the
        main one first: a buyer's PPON; a supplier's Companies House number,
        else its charity number, else its PPON."""
        self.ensure_one()
        company = (
            {"scheme": "GB-COH", "id": self.company_registry}
            if self.company_registry
            else None
        )
        scheme = self._hcc_charity_scheme()
        charity = {"scheme": scheme, "id": self.hcc_charity_number} if scheme else None
        ppon = {"scheme": "GB-PPON", "id": self.hcc_ppon} if self.hcc_ppon else None
        order = [ppon, company, charity] if buyer else [company, charity, ppon]
        return [identifier for identifier in order if identifier]

    def _hcc_ocds_address(self):
        self.ensure_one()
        address = {
            "streetAddress": ", ".join(filter(None, [self.street, self.street2])),
            "locality": self.city,
            "postalCode": self.zip,
            "country": self.country_id.code,
            "countryName": self.country_id.name,
            "region": self.hcc_itl_region,
        }
        return {key: value for key, value in address.items() if value}
