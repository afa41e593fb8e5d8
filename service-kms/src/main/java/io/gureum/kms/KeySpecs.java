package io.gureum.kms;

import java.util.List;
import java.util.Set;

/**
 * What each key spec can do, from the KMS Developer Guide's key spec reference
 * (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): the key
 * usages CreateKey accepts for it, and the algorithms DescribeKey lists per usage.
 */
final class KeySpecs {
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
    static final String SIGN_VERIFY = "SIGN_VERIFY";
    static final String GENERATE_VERIFY_MAC = "GENERATE_VERIFY_MAC";
    static final String KEY_AGREEMENT = "KEY_AGREEMENT";

    private KeySpecs() {
    }

    static boolean isRsa(String spec) {
        return spec.startsWith("RSA_");
    }

    static boolean isNistEc(String spec) {
        return spec.startsWith("ECC_NIST_P");
    }

    static boolean isSecp256k1(String spec) {
        return spec.equals("ECC_SECG_P256K1");
    }

    static boolean isEc(String spec) {
        return isNistEc(spec) || isSecp256k1(spec);
    }

    static boolean isHmac(String spec) {
        return spec.startsWith("HMAC_");
    }

    static boolean isAsymmetric(String spec) {
        return isRsa(spec) || isEc(spec);
    }

    /** Specs of the model Gureum cannot serve on Java 17 (ML-DSA, Ed25519ph over a digest) or outside China (SM2). */
    static boolean supported(String spec) {
        return spec.equals(SYMMETRIC_DEFAULT) || isRsa(spec) || isEc(spec) || isHmac(spec);
    }

    /** The usages CreateKey accepts with {@code spec} (API_CreateKey.html, KeyUsage). */
    static Set<String> usages(String spec) {
        if (spec.equals(SYMMETRIC_DEFAULT)) {
            return Set.of(ENCRYPT_DECRYPT);
        }
        if (isRsa(spec)) {
            return Set.of(ENCRYPT_DECRYPT, SIGN_VERIFY);
        }
        if (isNistEc(spec)) {
            return Set.of(SIGN_VERIFY, KEY_AGREEMENT);
        }
        if (isHmac(spec)) {
            return Set.of(GENERATE_VERIFY_MAC);
        }
        return Set.of(SIGN_VERIFY);
    }

    /** The usage CreateKey picks when the request names none: ENCRYPT_DECRYPT, which HMAC keys cannot have. */
    static String defaultUsage(String spec) {
        return isHmac(spec) ? null : ENCRYPT_DECRYPT;
    }

    static List<String> encryptionAlgorithms(String spec, String usage) {
        if (!usage.equals(ENCRYPT_DECRYPT)) {
            return List.of();
        }
        return spec.equals(SYMMETRIC_DEFAULT) ? List.of(SYMMETRIC_DEFAULT)
                : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
    }

    static List<String> signingAlgorithms(String spec, String usage) {
        if (!usage.equals(SIGN_VERIFY)) {
            return List.of();
        }
        if (isRsa(spec)) {
            return List.of("RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
                    "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512");
        }
        return switch (spec) {
            case "ECC_NIST_P384" -> List.of("ECDSA_SHA_384");
            case "ECC_NIST_P521" -> List.of("ECDSA_SHA_512");
            default -> List.of("ECDSA_SHA_256");
        };
    }

    static List<String> macAlgorithms(String spec) {
        return isHmac(spec) ? List.of("HMAC_SHA_" + spec.substring("HMAC_".length())) : List.of();
    }

    static List<String> keyAgreementAlgorithms(String usage) {
        return usage.equals(KEY_AGREEMENT) ? List.of("ECDH") : List.of();
    }

    /** The JCA curve name of an ECC key spec. */
    static String curve(String spec) {
        return switch (spec) {
            case "ECC_NIST_P256" -> "secp256r1";
            case "ECC_NIST_P384" -> "secp384r1";
            case "ECC_NIST_P521" -> "secp521r1";
            case "ECC_SECG_P256K1" -> "secp256k1";
            default -> throw new IllegalArgumentException(spec);
        };
    }

    static int rsaBits(String spec) {
        return Integer.parseInt(spec.substring("RSA_".length()));
    }

    /** Bytes of an HMAC key: as many as the digest's bits (HMAC_224 → 28). */
    static int hmacBytes(String spec) {
        return Integer.parseInt(spec.substring("HMAC_".length())) / 8;
    }
}
