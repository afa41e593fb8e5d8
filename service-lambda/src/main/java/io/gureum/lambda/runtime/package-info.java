/**
 * Runs Lambda functions as local processes, without Docker: {@link io.gureum.lambda.runtime.ProcessRunner}
 * starts execution environments (a process plus its own Lambda Runtime API server on loopback), keeps them
 * warm, and turns what the runtime reports into {@link io.gureum.lambda.runtime.InvocationResult}s.
 */
package io.gureum.lambda.runtime;
