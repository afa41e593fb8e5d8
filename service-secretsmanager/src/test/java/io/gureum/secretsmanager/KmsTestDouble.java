package io.gureum.secretsmanager;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisableKeyRequest;
import software.amazon.awssdk.services.kms.model.DisableKeyResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * TEST ONLY: a stand-in for the {@code service-kms} module, which is written on another branch. It binds
 * just what Secrets Manager calls (GenerateDataKey, Encrypt, Decrypt, DescribeKey) plus CreateKey and
 * DisableKey for the tests, with symmetric AES-GCM keys, the AWS managed {@code alias/aws/secretsmanager}
 * made on first use, encryption context bound as additional data, and the key ID inside the ciphertext
 * blob. The integrator replaces it with the real module after merging.
 */
public final class KmsTestDouble implements AwsService {
    @Override
    public String name() {
        return "kms";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.kms.KmsClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Keys.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return ServiceInstance.of(new Keys());
    }

    /** The double's keys, by ARN, and aliases, by account/region/name. */
    public static final class Keys {
        private record Key(Arn arn, byte[] material, boolean[] enabled) {
        }

        private final Map<String, Key> keys = new ConcurrentHashMap<>();
        private final Map<String, String> aliases = new ConcurrentHashMap<>();
        private final SecureRandom random = new SecureRandom();

        public CreateKeyResponse createKey(CreateKeyRequest r) {
            Key key = newKey();
            return CreateKeyResponse.builder().keyMetadata(metadata(key)).build();
        }

        public DisableKeyResponse disableKey(DisableKeyRequest r) {
            resolve(r.keyId()).enabled()[0] = false;
            return DisableKeyResponse.builder().build();
        }

        public DescribeKeyResponse describeKey(DescribeKeyRequest r) {
            return DescribeKeyResponse.builder().keyMetadata(metadata(resolve(r.keyId()))).build();
        }

        public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest r) {
            Key key = usable(r.keyId());
            byte[] plain = new byte[32];
            random.nextBytes(plain);
            return GenerateDataKeyResponse.builder().keyId(key.arn().toString())
                    .plaintext(SdkBytes.fromByteArray(plain))
                    .ciphertextBlob(SdkBytes.fromByteArray(seal(key, plain, r.encryptionContext()))).build();
        }

        public EncryptResponse encrypt(EncryptRequest r) {
            Key key = usable(r.keyId());
            return EncryptResponse.builder().keyId(key.arn().toString()).ciphertextBlob(SdkBytes.fromByteArray(
                    seal(key, r.plaintext().asByteArray(), r.encryptionContext()))).build();
        }

        public DecryptResponse decrypt(DecryptRequest r) {
            ByteBuffer blob = ByteBuffer.wrap(r.ciphertextBlob().asByteArray());
            byte[] arn = new byte[blob.getShort()];
            blob.get(arn);
            byte[] iv = new byte[12];
            blob.get(iv);
            byte[] body = new byte[blob.remaining()];
            blob.get(body);
            Key key = keys.get(new String(arn, StandardCharsets.UTF_8));
            if (key == null) {
                throw ModeledErrors.of(InvalidCiphertextException.class, null);
            }
            if (!key.enabled()[0]) {
                throw ModeledErrors.of(DisabledException.class, key.arn() + " is disabled.");
            }
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(128, iv));
                c.updateAAD(aad(r.encryptionContext()));
                return DecryptResponse.builder().keyId(key.arn().toString())
                        .plaintext(SdkBytes.fromByteArray(c.doFinal(body))).build();
            } catch (GeneralSecurityException e) {
                throw ModeledErrors.of(InvalidCiphertextException.class, null);
            }
        }

        private byte[] seal(Key key, byte[] plain, Map<String, String> context) {
            try {
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(128, iv));
                c.updateAAD(aad(context));
                byte[] body = c.doFinal(plain);
                byte[] arn = key.arn().toString().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(2 + arn.length + 12 + body.length).putShort((short) arn.length).put(arn)
                        .put(iv).put(body).array();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] aad(Map<String, String> context) {
            return new TreeMap<>(context == null ? Map.of() : context).toString().getBytes(StandardCharsets.UTF_8);
        }

        private Key usable(String keyId) {
            Key key = resolve(keyId);
            if (!key.enabled()[0]) {
                throw ModeledErrors.of(DisabledException.class, key.arn() + " is disabled.");
            }
            return key;
        }

        private Key resolve(String keyId) {
            RequestContext ctx = RequestContext.current();
            String name = keyId.startsWith("arn:") && keyId.contains(":alias/") ? keyId.substring(keyId.indexOf("alias/"))
                    : keyId;
            if (name.startsWith("alias/")) {
                String place = ctx.accountId() + "/" + ctx.region() + "/" + name;
                if (name.equals("alias/aws/secretsmanager")) {
                    aliases.computeIfAbsent(place, k -> newKey().arn().toString());
                }
                String arn = aliases.get(place);
                if (arn == null) {
                    throw ModeledErrors.of(NotFoundException.class, "Alias " + Arn.of("kms", ctx.region(),
                            ctx.accountId(), name) + " is not found.");
                }
                return keys.get(arn);
            }
            String arn = keyId.startsWith("arn:") ? keyId
                    : Arn.of("kms", ctx.region(), ctx.accountId(), "key/" + keyId).toString();
            Key key = keys.get(arn);
            if (key == null) {
                throw ModeledErrors.of(NotFoundException.class, "Key '" + arn + "' does not exist");
            }
            return key;
        }

        private Key newKey() {
            RequestContext ctx = RequestContext.current();
            byte[] material = new byte[32];
            random.nextBytes(material);
            Key key = new Key(Arn.of("kms", ctx.region(), ctx.accountId(), "key/" + UUID.randomUUID()), material,
                    new boolean[] {true});
            keys.put(key.arn().toString(), key);
            return key;
        }

        private static KeyMetadata metadata(Key key) {
            return KeyMetadata.builder().arn(key.arn().toString()).keyId(key.arn().resourceId())
                    .enabled(key.enabled()[0]).build();
        }
    }
}
