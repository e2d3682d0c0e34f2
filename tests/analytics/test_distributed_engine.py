"""The same feature code on Dask (local mode, several partitions) gives exactly what embedded Polars gives."""

import dask.dataframe as dd
import numpy as np
import pytest

from kokeilu.analytics.pipeline import features, sequences
from kokeilu.analytics.pipeline.engine import DaskEngine, PolarsEngine, Window

# Dask 2026.8 calls a pandas API that pandas 3.1 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")


@pytest.mark.parametrize("resolution", ["month", "quarter", "year"])
def test_dask_and_polars_give_equal_sequences_and_features(small_store, resolution):
    window = Window(resolution=resolution)
    # The store is written in row groups, so Dask really works partition by partition.
    assert dd.read_parquet(str(small_store / "events.parquet"), split_row_groups=True).npartitions > 1
    results = {}
    for engine in (PolarsEngine(), DaskEngine(scheduler="threads")):
        seqs = sequences.build_sequences(engine, small_store, window)
        use = features.sector_use(engine, small_store, window)
        table = features.compute_features(seqs, use, features.birth_dates(small_store))
        results[engine.name] = (seqs.states, use.events, use.first_day, table.frame)
    embedded, distributed = results["polars"], results["dask"]
    for left, right in zip(embedded[:3], distributed[:3], strict=True):
        assert left.any()
        assert left.dtype == right.dtype
        assert np.array_equal(left, right)
    assert embedded[3].height == sequences.people_count(small_store)
    assert embedded[3].equals(distributed[3])


def test_dask_with_worker_processes_agrees_too(small_store):
    window = Window()
    embedded = features.sector_use(PolarsEngine(), small_store, window)
    distributed = features.sector_use(DaskEngine(scheduler="processes"), small_store, window)
    assert np.array_equal(embedded.events, distributed.events)
    assert np.array_equal(embedded.first_day, distributed.first_day)
