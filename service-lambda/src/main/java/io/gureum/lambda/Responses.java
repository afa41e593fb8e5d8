package io.gureum.lambda;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The responses of CreateFunction, UpdateFunction*, PublishVersion and GetFunctionConfiguration are a
 * FunctionConfiguration by another name, those of the event source mapping operations an
 * EventSourceMappingConfiguration: {@link #copy} fills such a response builder member by member.
 */
final class Responses {
    private Responses() {
    }

    /** Copies every member of {@code source} that the builder's shape also has. */
    static <B> B copy(SdkPojo source, B builder) {
        for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
            source.sdkFields().stream().filter(f -> f.memberName().equals(field.memberName())).findFirst()
                    .ifPresent(f -> field.set(builder, f.getValueOrDefault(source)));
        }
        return builder;
    }
}
