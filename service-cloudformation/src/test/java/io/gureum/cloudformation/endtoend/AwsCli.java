package io.gureum.cloudformation.endtoend;

import io.gureum.core.Gureum;

/** The shared AWS CLI runner ({@link io.gureum.core.testing.AwsCli}) as the default account in us-east-1. */
public final class AwsCli {
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    private AwsCli() {
    }

    /**
     * Runs {@code aws args…}; {@code whileRunning} is called between short waits until it exits (to move
     * the server's clock while a CLI waiter polls).
     */
    public static Result run(Gureum gureum, Runnable whileRunning, String... args) throws Exception {
        io.gureum.core.testing.AwsCli.Result r = new io.gureum.core.testing.AwsCli(gureum.endpoint(), "000000000000",
                "us-east-1").runWhile(whileRunning, args);
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }
}
