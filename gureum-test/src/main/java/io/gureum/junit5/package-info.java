/**
 * {@link io.gureum.junit5.GureumExtension} runs Gureum in the test JVM. This module holds it without
 * any service (the service modules use it in their own tests); {@code gureum-junit5} adds every
 * service and {@link io.gureum.junit5.GureumContainer}.
 */
package io.gureum.junit5;
