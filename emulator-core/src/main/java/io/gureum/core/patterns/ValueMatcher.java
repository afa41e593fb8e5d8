package io.gureum.core.patterns;

import com.fasterxml.jackson.databind.JsonNode;

/** One element of a pattern field's array: whether one value of the event's field matches it. */
interface ValueMatcher {
    /**
     * @param value a value of the event's field (an element, when the field is an array), never an
     *     array itself
     */
    boolean matches(JsonNode value);

    /** Whether the matcher matches a field the event does not have ({@code "exists": false}). */
    default boolean matchesAbsent() {
        return false;
    }

    /** Whether the matcher needs the field to be present (every matcher but {@code "exists": false}). */
    default boolean needsPresence() {
        return true;
    }
}
