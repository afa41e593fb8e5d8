/**
 * The AWS wire protocols (awsJson, restJson, query and EC2, restXml, awsJson over CBOR, rpcv2Cbor), driven
 * by the SDK's model metadata, and what core knows of every AWS API's protocol ({@link
 * io.gureum.core.protocol.AwsProtocols}).
 */
package io.gureum.core.protocol;
