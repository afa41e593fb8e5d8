package io.gureum.core.validation;

/**
 * One broken constraint of one member.
 *
 * @param path where, as AWS names it: the member name with a lowercase first letter, nested members
 *     joined by dots, list elements as {@code logEvents.1.member.message}
 * @param memberName the model's member name of the innermost member ({@code Description})
 * @param wireName its name on the wire, which EC2's messages use ({@code GroupDescription})
 * @param value the value as AWS shows it, or null when the member is missing or sensitive
 * @param missing whether the member is required and absent
 * @param constraint AWS's wording of the constraint ({@code Member must have length less than or equal to 64})
 */
public record Violation(String path, String memberName, String wireName, String value, boolean missing, boolean sensitive,
        String constraint) {

    /** AWS's validation-layer sentence: {@code Value 'x' at 'roleName' failed to satisfy constraint: …}. */
    public String sentence() {
        String shown = missing ? "Value null" : sensitive || value == null ? "Value" : "Value '" + value + "'";
        return shown + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }
}
