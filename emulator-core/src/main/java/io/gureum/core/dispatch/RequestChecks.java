package io.gureum.core.dispatch;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.ServiceModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks every request must pass before its operation is looked up: the request target is printable
 * ASCII (RFC 9112) and its percent-escapes decode to valid UTF-8. Otherwise the codecs would see
 * replacement characters and carry on with names nobody sent.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    static void check(AwsHttpRequest request, ServiceModel model) {
        if (!validTarget(request.rawPath()) || !validTarget(request.rawQuery())) {
            throw invalidUri(model);
        }
    }

    private static AwsException invalidUri(ServiceModel model) {
        String protocol = model == null ? "" : model.protocol();
        if (protocol.startsWith("rest-")) {
            return new AwsException("InvalidURI", "Couldn't parse the specified URI.", 400);
        }
        return CommonErrors.malformedQuery("The request URI is not valid UTF-8 or contains characters HTTP forbids.");
    }

    /**
     * Printable ASCII whose percent-escapes are all well formed ({@code %} and two hex digits, RFC 3986)
     * and decode to UTF-8: S3 answers {@code %ZZ} in a key with 400 InvalidURI.
     */
    static boolean validTarget(String raw) {
        ByteArrayOutputStream decoded = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return false;
                }
                if (decoded == null) {
                    decoded = new ByteArrayOutputStream(raw.length());
                    for (int j = 0; j < i; j++) {
                        decoded.write(raw.charAt(j));
                    }
                }
                decoded.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (decoded != null) {
                decoded.write(c);
            }
        }
        if (decoded == null) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
