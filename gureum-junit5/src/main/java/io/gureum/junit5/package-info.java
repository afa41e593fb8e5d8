/**
 * Gureum for tests: {@link io.gureum.junit5.GureumContainer} runs its Docker image with Testcontainers;
 * {@code GureumExtension} (from {@code gureum-test}, which this module brings with every service) runs
 * it in the test JVM.
 */
package io.gureum.junit5;
