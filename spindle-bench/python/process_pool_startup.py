"""CPython's side of ProcessPoolStartup: a ProcessPoolExecutor of 2 workers started with the
spawn method, 2 tiny tasks run, the pool closed; the median of 11 runs after 2 unmeasured."""
import multiprocessing as mp
import statistics
import time
from concurrent.futures import ProcessPoolExecutor


def tiny(x):
    return x


if __name__ == "__main__":
    context = mp.get_context("spawn")
    times = []
    for _ in range(13):
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            list(pool.map(tiny, [1, 2]))
        times.append(time.perf_counter() - start)
    times = sorted(times[2:])
    print(f"spawn pool of 2 + 2 tiny tasks + close: median {statistics.median(times) * 1000:.1f} ms "
          f"(min {times[0] * 1000:.1f}, max {times[-1] * 1000:.1f}, {len(times)} runs)")
