package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * TEST ONLY: a stand-in for the {@code service-kms} module (written on another branch), registered as the
 * {@code kms} API so SSM's in-process KmsClient has something to call. It binds Encrypt, Decrypt and
 * DescribeKey over named keys that tests create and disable; the "ciphertext" is a tagged encoding, not
 * cryptography. The integrator replaces it with the real module.
 */
final class KmsTestDouble {
    /** Keys by id, with aliases; {@code alias/aws/ssm} is made on first use, as AWS makes managed keys. */
    static final class Keys {
        final Map<String, Boolean> enabled = new ConcurrentHashMap<>();
        final Map<String, String> aliases = new ConcurrentHashMap<>();

        void create(String keyId, String alias) {
            enabled.put(keyId, true);
            if (alias != null) {
                aliases.put(alias, keyId);
            }
        }

        void disable(String keyId) {
            enabled.put(keyId, false);
        }
    }

    /** The provider: Encrypt, Decrypt and DescribeKey. */
    static final class Provider {
        private final Keys keys;

        Provider(Keys keys) {
            this.keys = keys;
        }

        public EncryptResponse encrypt(EncryptRequest r) {
            String arn = usable(r.keyId());
            String blob = "double|" + arn + "|" + new TreeMap<>(r.encryptionContext()) + "|"
                    + Base64.getEncoder().encodeToString(r.plaintext().asByteArray());
            return EncryptResponse.builder().keyId(arn)
                    .ciphertextBlob(SdkBytes.fromString(blob, StandardCharsets.UTF_8)).build();
        }

        public DecryptResponse decrypt(DecryptRequest r) {
            String[] parts = r.ciphertextBlob().asUtf8String().split("\\|", 4);
            if (parts.length != 4 || !parts[2].equals(new TreeMap<>(r.encryptionContext()).toString())) {
                throw InvalidCiphertextException.builder().message(null).build();
            }
            String arn = usable(parts[1]);
            return DecryptResponse.builder().keyId(arn)
                    .plaintext(SdkBytes.fromByteArray(Base64.getDecoder().decode(parts[3]))).build();
        }

        public DescribeKeyResponse describeKey(DescribeKeyRequest r) {
            String arn = arnOf(r.keyId());
            return DescribeKeyResponse.builder().keyMetadata(KeyMetadata.builder().arn(arn)
                    .keyId(Arn.parse(arn).resourceId()).enabled(keys.enabled.get(Arn.parse(arn).resourceId())).build())
                    .build();
        }

        /** The key's ARN, if it exists and is enabled. */
        private String usable(String keyId) {
            String arn = arnOf(keyId);
            if (!keys.enabled.get(Arn.parse(arn).resourceId())) {
                throw DisabledException.builder().message(arn + " is disabled.").build();
            }
            return arn;
        }

        private String arnOf(String keyId) {
            RequestContext ctx = RequestContext.current();
            String id = keyId;
            if (id.startsWith("arn:")) {
                id = Arn.parse(id).resource();
            }
            if (id.startsWith("alias/")) {
                if (id.equals("alias/aws/ssm")) {
                    keys.aliases.computeIfAbsent(id, a -> {
                        keys.enabled.put("aws-ssm-managed", true);
                        return "aws-ssm-managed";
                    });
                }
                String target = keys.aliases.get(id);
                if (target == null) {
                    throw NotFoundException.builder().message("Alias " + Arn.of("kms", ctx.region(), ctx.accountId(), id)
                            + " is not found.").build();
                }
                id = target;
            } else if (id.startsWith("key/")) {
                id = id.substring(4);
            }
            String arn = Arn.of("kms", ctx.region(), ctx.accountId(), "key/" + id).toString();
            if (!keys.enabled.containsKey(id)) {
                throw NotFoundException.builder().message("Key '" + arn + "' does not exist").build();
            }
            return arn;
        }
    }

    private KmsTestDouble() {
    }

    static AwsService registration(Keys keys) {
        return new AwsService() {
            @Override
            public String name() {
                return "kms";
            }

            @Override
            public String clientInterface() {
                return KmsClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(Provider.class);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                return ServiceInstance.of(new Provider(keys));
            }
        };
    }
}
