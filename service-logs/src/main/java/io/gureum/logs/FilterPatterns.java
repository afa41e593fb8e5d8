package io.gureum.logs;

/** Parses a filter pattern for an operation, answering InvalidParameterException for one that does not parse. */
final class FilterPatterns {
    private FilterPatterns() {
    }

    static FilterPattern parse(String text) {
        try {
            return FilterPattern.parse(text);
        } catch (FilterPattern.InvalidPattern e) {
            throw LogsErrors.invalidParameter(e.getMessage());
        }
    }
}
