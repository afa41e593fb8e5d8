/**
 * Faults on demand ({@code /_gureum/faults}): rules that make matching requests fail with an AWS error or
 * answer late, so code under test meets throttling, unavailability and slowness the way the SDKs' retry
 * logic sees them on AWS.
 */
package io.gureum.core.faults;
