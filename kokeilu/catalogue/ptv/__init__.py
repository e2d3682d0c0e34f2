"""Import and export in the JSON shape of the national service catalogue (Palvelutietovaranto, PTV, Open
API v11): organisations, services and service channels, with localized lists such as
`[{"type": "Name", "language": "fi", "value": "Neuvola"}]`.

A file holds `{"organizations": [...], "services": [...], "serviceChannels": [...]}` (a PTV paging
response `{"itemList": [...services]}` is read too). Nothing is fetched from the network.

Where PTV has no field, the export adds one under a `kokeilu` prefix (`kokeiluPrice`,
`kokeiluSector`, `kokeiluClosedOnPublicHolidays`); PTV readers ignore them and the import restores them.
Rows created here get identifiers derived from the installation's secret key, so exporting and importing
the same file again updates the rows instead of duplicating them, while another installation importing
the file creates its own rows.
"""

from .common import own_identifier
from .exporter import ptv_export, services_for_export
from .importer import ImportResult, ptv_import

__all__ = ["ImportResult", "own_identifier", "ptv_export", "ptv_import", "services_for_export"]
