/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.bench.report;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Two JMH benchmarks, a baseline and a contender, run in alternating rounds of one fork each, so
 * that each round's ratio compares them under the same conditions. On a VM whose speed moves 2-4×
 * with its vCPUs' placement from one minute to the next, two benchmarks run a minute apart are not
 * compared fairly; a round's two forks run seconds apart. The verdict is the median of the rounds'
 * ratios, as for the cross-process throughput.
 */
final class PairedRuns {
    /** Every measurement iteration of every round. */
    final Statistics baseline;
    final Statistics contender;
    /** Per round: the baseline's median over the contender's (how many times faster the contender is). */
    final double[] ratios;

    private PairedRuns(Statistics baseline, Statistics contender, double[] ratios) {
        this.baseline = baseline;
        this.contender = contender;
        this.ratios = ratios;
    }

    /** Runs {@code rounds} rounds with {@code parent}'s settings; the benchmarks are full names. */
    static PairedRuns run(Options parent, String baseline, String contender, int rounds) throws RunnerException {
        return run(new Side(parent, baseline, method(baseline)), new Side(parent, contender, method(contender)), rounds);
    }

    /**
     * One side of a pair: a benchmark (full name) with the settings of its forks, which may name
     * another JVM ({@code jvm}) or other JVM options than the other side's, and a tag that names
     * its result files ({@code -rff}) apart from the other side's.
     */
    record Side(Options options, String benchmark, String tag) {
    }

    /** As {@link #run(Options, String, String, int)}, each side with its own settings. */
    static PairedRuns run(Side baseline, Side contender, int rounds) throws RunnerException {
        if (rounds < 1) {
            throw new IllegalArgumentException("paired rounds must be at least 1, not " + rounds);
        }
        ListStatistics baselineAll = new ListStatistics();
        ListStatistics contenderAll = new ListStatistics();
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // The order alternates too, so that neither always runs first in a round.
            boolean baselineFirst = round % 2 == 0;
            double[] first = iterations(baselineFirst ? baseline : contender, round);
            double[] second = iterations(baselineFirst ? contender : baseline, round);
            double[] baselineRound = baselineFirst ? first : second;
            double[] contenderRound = baselineFirst ? second : first;
            ratios[round] = median(baselineRound) / median(contenderRound);
            Arrays.stream(baselineRound).forEach(baselineAll::addValue);
            Arrays.stream(contenderRound).forEach(contenderAll::addValue);
        }
        return new PairedRuns(baselineAll, contenderAll, ratios);
    }

    /** The median of the rounds' ratios. */
    double medianRatio() {
        return median(ratios);
    }

    /** The rounds' ratios in order, for the report: {@code 21.5×, 19.8×, 23.0×}. */
    String ratiosShown() {
        return String.join(", ", Arrays.stream(ratios).mapToObj(Markdown::ratio).toArray(String[]::new));
    }

    /**
     * One fork of the side's benchmark: the scores of its measurement iterations. A result file
     * asked for ({@code -rff}) gets one of its own per fork, named after the side's tag, so that
     * the runs that follow do not overwrite it.
     */
    private static double[] iterations(Side side, int round) throws RunnerException {
        Options parent = side.options();
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(parent)
                .include("^" + Pattern.quote(side.benchmark()) + "$").forks(1);
        if (parent.getResult().hasValue()) {
            builder.result(parent.getResult().get() + ".round-" + (round + 1) + "." + side.tag());
        }
        Options options = builder.build();
        double[] scores = new Runner(options).run().stream()
                .flatMap(run -> run.getBenchmarkResults().stream())
                .flatMap(fork -> fork.getIterationResults().stream())
                .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                .toArray();
        if (scores.length == 0) {
            throw new IllegalStateException("JMH ran no iteration of " + side.benchmark());
        }
        return scores;
    }

    /** {@code layoutFields} of {@code io.github...StructReadBenchmark.layoutFields}. */
    static String method(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static double median(double[] values) {
        return new ListStatistics(values).getPercentile(50);
    }
}
