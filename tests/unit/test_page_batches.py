"""Cold pages go to the workers in batches that shrink towards the end ("guided" scheduling)."""

import pytest

from reader.cache_analysis import MAX_PAGES_PER_TASK, page_batches


@pytest.mark.parametrize(("pages", "workers"), [(1, 2), (7, 2), (20, 2), (400, 2), (401, 3), (2000, 8)])
def test_batches_cover_every_page_once_in_order(pages: int, workers: int) -> None:
    tasks = [(f"page-{number}.txt", number) for number in range(1, pages + 1)]
    batches = page_batches(tasks, workers)
    assert [task for batch in batches for task in batch] == tasks
    assert all(1 <= len(batch) <= MAX_PAGES_PER_TASK for batch in batches)


def test_batches_shrink_so_the_workers_finish_together() -> None:
    batches = page_batches(list(range(400)), 2)
    sizes = [len(batch) for batch in batches]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == MAX_PAGES_PER_TASK
    assert sizes[-4:] == [1, 1, 1, 1]  # the last pages one at a time: no worker waits on a long batch
    assert len(batches) < 400 // 8  # and few tasks: each costs the parent as much as a fifth of a page


def test_no_pages_no_batches() -> None:
    assert page_batches([], 2) == []
