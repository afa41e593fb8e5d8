package io.gureum.lambda.runtime;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What the runner shares with its environments.
 *
 * @param group    the small event loop group serving every environment's Runtime API
 * @param workers  threads for work that may block (settling an invocation, killing processes)
 * @param timers   invocation timeouts and the idle sweep; tasks only hand work to {@code workers}
 * @param history  recent log events per function
 * @param endpoint Gureum's own endpoint, when bound ({@code AWS_ENDPOINT_URL})
 * @param path     the PATH runtime processes get
 * @param workDir  where environments keep their output files
 * @param clock    Gureum's clock, for what the runtime reports (not for timeouts, which are real time)
 */
record RunnerContext(EventLoopGroup group, ExecutorService workers, ScheduledExecutorService timers,
        LogHistory history, Supplier<Optional<URI>> endpoint, String path, Path workDir,
        Supplier<Instant> clock) {
}
