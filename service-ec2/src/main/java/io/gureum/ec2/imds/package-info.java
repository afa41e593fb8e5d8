/**
 * The instance metadata service without Docker: served by core's own listener under
 * {@code /_gureum/ec2/imds/<instance-id>/}, the instance told apart by the path prefix (ADR 0010).
 */
package io.gureum.ec2.imds;
