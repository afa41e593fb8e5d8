package io.gureum.core.protocol;

import java.util.Map;

/** The operation a request asks for, with the labels its URI template bound (REST protocols). */
public record ResolvedOperation(OperationModel operation, Map<String, String> pathLabels) {
}
