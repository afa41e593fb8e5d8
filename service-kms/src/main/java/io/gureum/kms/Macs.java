package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.GenerateMacRequest;
import software.amazon.awssdk.services.kms.model.GenerateMacResponse;
import software.amazon.awssdk.services.kms.model.VerifyMacRequest;
import software.amazon.awssdk.services.kms.model.VerifyMacResponse;

/**
 * HMAC keys (hmac.html): each HMAC key spec has the one MAC algorithm of its size. A MAC that does not
 * verify is {@code KMSInvalidMacException} (API_VerifyMac.html).
 */
final class Macs {
    private final KeyLookup lookup;

    Macs(KeyLookup lookup) {
        this.lookup = lookup;
    }

    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.GENERATE_VERIFY_MAC, "GenerateMac");
        String algorithm = algorithm(key, request.macAlgorithmAsString());
        byte[] mac = mac(key, algorithm, request.message().asByteArray());
        KmsErrors.dryRun(request.dryRun());
        return GenerateMacResponse.builder().keyId(key.arn).mac(SdkBytes.fromByteArray(mac)).macAlgorithm(algorithm)
                .build();
    }

    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.usable(request.keyId(), KeySpecs.GENERATE_VERIFY_MAC, "VerifyMac");
        String algorithm = algorithm(key, request.macAlgorithmAsString());
        byte[] expected = mac(key, algorithm, request.message().asByteArray());
        if (!MessageDigest.isEqual(expected, request.mac().asByteArray())) {
            throw KmsErrors.invalidMac();
        }
        KmsErrors.dryRun(request.dryRun());
        return VerifyMacResponse.builder().keyId(key.arn).macValid(true).macAlgorithm(algorithm).build();
    }

    private static String algorithm(KmsKey key, String algorithm) {
        if (!KeySpecs.macAlgorithms(key.keySpec).contains(algorithm)) {
            throw KmsErrors.keyUsage("Algorithm " + algorithm + " is incompatible with key spec " + key.keySpec + ".");
        }
        return algorithm;
    }

    private static byte[] mac(KmsKey key, String algorithm, byte[] message) {
        String jca = "HmacSHA" + algorithm.substring("HMAC_SHA_".length());
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key.current().secret(), jca));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " failed", e);
        }
    }
}
