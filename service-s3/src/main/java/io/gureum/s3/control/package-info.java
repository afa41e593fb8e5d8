/**
 * S3 Control, the second AWS API of the S3 module: account-level Block Public Access and access points,
 * kept in {@link io.gureum.s3.control.ControlState} (core's {@code SharedState}) so that S3 honours the
 * account's block and answers requests addressed to an access point's alias.
 */
package io.gureum.s3.control;
