package io.gureum.sqs;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * AWS's rules for message bodies and attributes
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html).
 */
final class MessageValidation {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..+)?");
    private static final BigDecimal NUMBER_MAX = new BigDecimal("1E126");
    private static final BigDecimal NUMBER_MIN = new BigDecimal("-1E128");

    private MessageValidation() {
    }

    static void checkBody(String body) {
        if (body == null || body.isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        if (!validChars(body)) {
            throw SqsErrors.invalidMessageContents();
        }
    }

    /** #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF. */
    static boolean validChars(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!ok) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    static Map<String, AttributeValue> attributes(Map<String, MessageAttributeValue> in) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (in == null || in.isEmpty()) {
            return out;
        }
        if (in.size() > 10) {
            throw SqsErrors.invalidParameterValue("Number of message attributes [" + in.size()
                    + "] exceeds the allowed maximum [10].");
        }
        for (Map.Entry<String, MessageAttributeValue> e : in.entrySet()) {
            String name = e.getKey();
            checkName(name);
            out.put(name, value(name, e.getValue()));
        }
        return out;
    }

    static String traceHeader(Map<String, MessageSystemAttributeValue> in) {
        if (in == null || in.isEmpty()) {
            return null;
        }
        String trace = null;
        for (Map.Entry<String, MessageSystemAttributeValue> e : in.entrySet()) {
            if (!e.getKey().equals("AWSTraceHeader")) {
                throw SqsErrors.invalidParameterValue("Message system attribute name '" + e.getKey()
                        + "' is invalid.");
            }
            MessageSystemAttributeValue v = e.getValue();
            if (v == null || !"String".equals(v.dataType()) || v.stringValue() == null || v.stringValue().isEmpty()) {
                throw SqsErrors.invalidParameterValue("Message system attribute AWSTraceHeader must be a non-empty "
                        + "String.");
            }
            trace = v.stringValue();
        }
        return trace;
    }

    private static void checkName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsErrors.invalidParameterValue("Message attribute name '" + name
                    + "' is invalid. The attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), "
                    + "and period (.) characters; it cannot start or end with a period, have consecutive periods, "
                    + "or start with AWS. or Amazon.");
        }
    }

    private static AttributeValue value(String name, MessageAttributeValue v) {
        String type = v == null ? null : v.dataType();
        if (type == null || type.isEmpty()) {
            throw SqsErrors.invalidParameterValue("The message attribute '" + name
                    + "' must contain non-empty message attribute type.");
        }
        if (!DATA_TYPE.matcher(type).matches() || type.length() > 256) {
            throw SqsErrors.invalidParameterValue("The type of message (user) attribute '" + name
                    + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        }
        boolean hasLists = (v.stringListValues() != null && !v.stringListValues().isEmpty())
                || (v.binaryListValues() != null && !v.binaryListValues().isEmpty());
        if (hasLists) {
            throw SqsErrors.invalidParameterValue("Message attribute list values in SendMessage operation are not "
                    + "supported.");
        }
        if (type.startsWith("Binary")) {
            if (v.binaryValue() == null || v.binaryValue().asByteArrayUnsafe().length == 0) {
                throw SqsErrors.invalidParameterValue("The message attribute '" + name
                        + "' with type 'Binary' must use field 'Binary'.");
            }
            return new AttributeValue(type, null, v.binaryValue().asByteArray());
        }
        String s = v.stringValue();
        if (s == null || s.isEmpty()) {
            throw SqsErrors.invalidParameterValue("The message attribute '" + name + "' with type '"
                    + (type.startsWith("Number") ? "Number" : "String") + "' must use field 'String'.");
        }
        if (!validChars(s)) {
            throw SqsErrors.invalidMessageContents();
        }
        if (type.startsWith("Number")) {
            try {
                BigDecimal d = new BigDecimal(s.trim());
                if (d.precision() > 38 || d.compareTo(NUMBER_MAX) > 0 || d.compareTo(NUMBER_MIN) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw SqsErrors.invalidParameterValue("Can't cast the value of message (user) attribute '" + name
                        + "' to a number.");
            }
        }
        return new AttributeValue(type, s, null);
    }
}
