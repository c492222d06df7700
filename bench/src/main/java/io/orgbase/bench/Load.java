package io.orgbase.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Closed-loop load: some threads each sending one request after another for a while, timed. */
final class Load {

    private Load() {}

    /** Latencies in nanoseconds, and the time they were measured over. */
    record Result(long[] latencies, long nanos) {

        double throughput() {
            return latencies.length / (nanos / 1e9);
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            return latencies[(int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] / 1e6;
        }
    }

    /** Several measurements as one: all their latencies over their summed time. */
    static Result merge(List<Result> results) {
        long[] all = results.stream()
                .flatMapToLong(r -> Arrays.stream(r.latencies()))
                .sorted()
                .toArray();
        return new Result(all, results.stream().mapToLong(Result::nanos).sum());
    }

    static Result measureFor(int threads, int seconds, Runnable request) throws InterruptedException {
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] window = new long[2];
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            perThread[t] = new long[1 << 14];
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        request.run();
                        long took = System.nanoTime() - before;
                        if (counts[index] == perThread[index].length) {
                            perThread[index] = Arrays.copyOf(perThread[index], counts[index] * 2);
                        }
                        perThread[index][counts[index]++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result(all, window[1] - window[0]);
    }
}
