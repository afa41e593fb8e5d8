/**
 * Issue #17's proofs through the real engine: whole templates deployed with the SDK v2 and the aws CLI
 * onto every service of the class path, checked through those services' own APIs.
 */
package io.gureum.cloudformation.endtoend;
