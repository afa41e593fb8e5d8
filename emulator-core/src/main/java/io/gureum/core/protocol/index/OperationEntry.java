package io.gureum.core.protocol.index;

/**
 * One operation as the SDK model describes it, recorded at build time so that start-up loads no model
 * class. {@code wireName} is AWS's operation name (the query {@code Action}, the JSON target suffix):
 * SDK class names are re-cased ({@code AssumeRoleWithSamlRequest} serves {@code AssumeRoleWithSAML}).
 */
public record OperationEntry(
        String wireName,
        String clientMethod,
        String requestClass,
        String responseClass,
        String httpMethod,
        String requestUri,
        String operationIdentifier,
        boolean hasExplicitPayloadMember,
        boolean hasPayloadMembers,
        boolean streamingInput,
        boolean streamingOutput) {
}
