"""The executor of `refresh_warehouse`: Dagster's multiprocess executor, run while holding
the refresh lock (`gwr.locks.RefreshLock`).

The run queue (`pipelines/dagster.yaml`) lets one queued refresh run at a time, but a
`gwr refresh` in a terminal does not go through the queue. Both therefore take the same
file lock beside the warehouse: `gwr refresh` before it starts its in-process run, and a
queued run here, in the run worker process, for as long as its steps run. A run that
finds the lock held waits (bounded by `GWR_REFRESH_LOCK_WAIT`, default one hour) and then
fails with a message naming the holder; it never publishes beside another refresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import dagster as dg
from dagster._core.definitions.executor_definition import (
    multiple_process_executor_requirements,
)
from dagster._core.executor.base import Executor

from gwr import settings
from gwr.locks import RefreshLock, describe_holder, refresh_wait_seconds
from pipelines.runs import fail_dead_run

if TYPE_CHECKING:
    from dagster._core.execution.context.system import PlanOrchestrationContext
    from dagster._core.execution.plan.plan import ExecutionPlan


class OneRefreshAtATimeExecutor(Executor):
    """Delegates to another executor while holding the refresh lock."""

    def __init__(self, inner: Executor) -> None:
        self._inner = inner

    @property
    def retries(self) -> Any:
        return self._inner.retries

    @property
    def step_dependency_config(self) -> Any:
        return self._inner.step_dependency_config

    def execute(
        self, plan_context: PlanOrchestrationContext, execution_plan: ExecutionPlan
    ) -> Iterator[dg.DagsterEvent]:
        lock = RefreshLock.for_warehouse(settings.warehouse_path())
        log = plan_context.log
        previous = lock.acquire(
            refresh_wait_seconds(),
            on_wait=lambda holder: log.info(
                f"waiting for another refresh to finish ({describe_holder(holder)})"
            ),
            run_id=plan_context.run_id,
            how="queued run",
        )
        try:
            fail_dead_run(plan_context.instance, previous, log.warning)
            yield from self._inner.execute(plan_context, execution_plan)
        finally:
            lock.release()


@dg.executor(
    name="multiprocess_one_refresh_at_a_time",
    config_schema=dg.multiprocess_executor.config_schema,
    requirements=multiple_process_executor_requirements(),
)
def one_refresh_at_a_time_executor(init_context: dg.InitExecutorContext) -> Executor:
    """Each step in its own process (Dagster's multiprocess executor), the whole run
    under the refresh lock."""
    creation_fn = dg.multiprocess_executor.executor_creation_fn
    assert creation_fn is not None
    return OneRefreshAtATimeExecutor(creation_fn(init_context))
