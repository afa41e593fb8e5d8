/**
 * Gureum for tests: {@link io.gureum.junit5.GureumExtension} runs it in the test JVM;
 * {@link io.gureum.junit5.GureumContainer} runs its Docker image with Testcontainers.
 */
package io.gureum.junit5;
