package io.gureum.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the module (thread-safe once configured). */
final class LambdaJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private LambdaJson() {
    }
}
