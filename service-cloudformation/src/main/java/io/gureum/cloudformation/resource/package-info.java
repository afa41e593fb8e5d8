/**
 * The resource handler SPI: one {@link io.gureum.cloudformation.resource.ResourceHandler} per
 * CloudFormation type, calling the owning service through in-process clients. Sub-packages hold the
 * handlers, one package per service ({@code sqs}, {@code s3} …).
 */
package io.gureum.cloudformation.resource;
