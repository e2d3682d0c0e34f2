"""The demo's programme history: five earlier years of Helsinki's and Espoo's experiment programmes.

- `programmes`: the four recurring programmes, Helsinki's open-call platform and the extra themes;
- `calls`: every call of the five years with its theme and the topics it selected;
- `topics` (with `helsinki_staff`, `helsinki_open`, `espoo_iso_omena`, `espoo_kyky`): the experiments and
  their learnings in Finnish, Swedish and English;
- `proposals`: the proposals that were not selected, decision reasons, review comments, spending, names.

kokeilu.demo.history builds the rows from these descriptions.
"""
