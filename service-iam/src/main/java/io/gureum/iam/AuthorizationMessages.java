package io.gureum.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageRequest;
import software.amazon.awssdk.services.sts.model.DecodeAuthorizationMessageResponse;

/**
 * Encoded authorization messages: the opaque text a denial carries (EC2's "Encoded authorization failure
 * message") and {@code DecodeAuthorizationMessage}, which turns it back into the JSON document AWS describes
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html). A message is the
 * document, base64url-encoded, with an HMAC under a key of this server, so only messages this server encoded
 * decode; anything else is {@code InvalidAuthorizationMessageException}. The server's current instance is in
 * its {@link io.gureum.core.spi.SharedState}, for the denials that encode messages.
 */
final class AuthorizationMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] key;

    AuthorizationMessages(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The encoded form of a decoded-message document. */
    String encode(String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    /** The document AWS's decoded message has for a denial: who, what action, on which resource. */
    String encodeDenial(String principalId, String principalArn, String action, String resource, boolean explicit) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("allowed", false);
        doc.put("explicitDeny", explicit);
        doc.putObject("matchedStatements").putArray("items");
        doc.putObject("failures").putArray("items");
        ObjectNode context = doc.putObject("context");
        ObjectNode principal = context.putObject("principal");
        principal.put("id", principalId);
        principal.put("arn", principalArn);
        context.put("action", action);
        context.put("resource", resource);
        context.putObject("conditions").putArray("items");
        return encode(doc.toString());
    }

    public DecodeAuthorizationMessageResponse decodeAuthorizationMessage(DecodeAuthorizationMessageRequest r) {
        String message = r.encodedMessage();
        int dot = message.indexOf('.');
        try {
            if (dot > 0) {
                byte[] body = Base64.getUrlDecoder().decode(message.substring(0, dot));
                byte[] mac = Base64.getUrlDecoder().decode(message.substring(dot + 1));
                if (MessageDigest.isEqual(mac, mac(body))) {
                    return DecodeAuthorizationMessageResponse.builder()
                            .decodedMessage(new String(body, StandardCharsets.UTF_8)).build();
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64: invalid like any other foreign text
        }
        throw StsErrors.invalidAuthorizationMessage("Invalid authorization message");
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
