package io.gureum.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerRequest;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;

/**
 * The Docker Registry HTTP API V2 / OCI Distribution Specification that ECR's registry endpoint serves, on
 * Gureum's port under {@code /v2/}, over the same repositories, images and layers as the ECR API: an image pushed
 * here is what DescribeImages and BatchGetImage answer, and the reverse.
 *
 * <p>Authentication as ECR's registry does it (registry_auth.html): HTTP Basic, user {@code AWS}, the password of
 * a GetAuthorizationToken token (12 hours on the Gureum clock); no credentials is 401 {@code Not Authorized} with
 * a {@code Basic} challenge naming {@code ecr.amazonaws.com}. The registry is the one the host names
 * ({@code <account>.dkr.ecr.<region>.<anything>}, e.g. {@code ….localhost.localstack.cloud}) or else the
 * account and region the token was issued in ({@code localhost:4566}). ECR's own rules apply: the repository must
 * exist (NAME_UNKNOWN), an immutable tag is TAG_INVALID, blobs are mounted across repositories only when the
 * registry's {@code BLOB_MOUNTING} account setting is {@code ENABLED} and the repositories' encryption is the
 * same (blob-mounting.html); blobs are not deleted through this API.
 */
final class RegistryApi implements AutoCloseable {
    static final String API_VERSION = "registry/2.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST = Pattern.compile("^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\..+$");
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]*)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
    /** CreateRepository's repositoryName pattern. */
    private static final Pattern NAME = Pattern
            .compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    /** The distribution specification's tag; ECR allows the same characters. */
    private static final Pattern TAG = Pattern.compile("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$");
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");
    /** ECR's quota on an image manifest's size. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final EcrState state;
    private final Images images;
    private final Runnable record;
    private final RegistryBlobs blobs;

    RegistryApi(EcrState state, Images images, Runnable record) {
        this.state = state;
        this.images = images;
        this.record = record;
        this.blobs = new RegistryBlobs(state, this, record);
    }

    static boolean isRegistryPath(String rawPath) {
        return rawPath.equals("/v2") || rawPath.startsWith("/v2/");
    }

    /** An answer of the distribution specification's shape, thrown from anywhere below. */
    static final class RegistryError extends RuntimeException {
        final transient AwsHttpResponse response;

        RegistryError(AwsHttpResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    static RegistryError error(int status, String code, String message) {
        return new RegistryError(json(new AwsHttpResponse(status), errorBody(code, message)));
    }

    AwsHttpResponse handle(AwsHttpRequest request) {
        AwsHttpResponse response;
        try {
            Caller caller = authenticate(request);
            response = route(caller, request);
        } catch (RegistryError e) {
            response = e.response;
        }
        return response.header("Docker-Distribution-API-Version", API_VERSION);
    }

    // ---- authentication

    /**
     * Who a registry request acts as: the registry it addresses, and the account and access key ID the token was
     * issued to (the account itself, its root user, for a token recorded without one).
     */
    record Caller(Registry registry, String account, String accessKeyId) {
    }

    private Caller authenticate(AwsHttpRequest request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized(request);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized(request);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !"AWS".equals(decoded.substring(0, colon))) {
            throw unauthorized(request);
        }
        String key = Authorization.passwordKey(decoded.substring(colon + 1));
        return locked(() -> {
            Registry[] issuer = new Registry[1];
            state.all.forEach((place, registry) -> {
                if (registry.tokens.containsKey(key)) {
                    issuer[0] = registry;
                }
            });
            if (issuer[0] == null) {
                throw unauthorized(request);
            }
            if (!issuer[0].tokens.get(key).isAfter(state.now())) {
                throw error(403, "DENIED", "Your authorization token has expired. Reauthenticate and try again.");
            }
            Matcher host = HOST.matcher(hostName(request));
            Registry target = host.matches() ? state.all.get(host.group(1), host.group(2)) : issuer[0];
            return new Caller(target, issuer[0].account, issuer[0].tokenKeys.getOrDefault(key, issuer[0].account));
        });
    }

    private RegistryError unauthorized(AwsHttpRequest request) {
        String scheme = state.context.endpoint().uri().map(java.net.URI::getScheme).orElse("http");
        AwsHttpResponse r = new AwsHttpResponse(401).body("Not Authorized\n", "text/plain; charset=utf-8");
        r.header("WWW-Authenticate", "Basic realm=\"" + scheme + "://" + request.header("Host")
                + "/\",service=\"ecr.amazonaws.com\"");
        return new RegistryError(r);
    }

    private static String hostName(AwsHttpRequest request) {
        String host = request.header("Host");
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    // ---- routing

    /**
     * Authorises a registry request as the ECR API operation whose permission AWS requires for it
     * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html, image-pull-iam.html): IAM decides
     * as for that operation called with the token's caller's credentials. A denial is 403 {@code DENIED} with
     * IAM's message, as docker shows it ("denied: User: … is not authorized to perform: ecr:BatchGetImage …").
     */
    private void authorize(Caller caller, AwsHttpRequest request, String operation,
            software.amazon.awssdk.core.SdkRequest pojo) {
        io.gureum.core.spi.Authorizer authorizer = io.gureum.core.spi.Authorizer.of(state.context.shared());
        if (authorizer == io.gureum.core.spi.Authorizer.NONE) {
            return;
        }
        io.gureum.core.protocol.RequestContext outer = io.gureum.core.protocol.RequestContext.currentOrNull();
        String requestId = outer != null ? outer.requestId() : state.context.ids().requestId();
        var ctx = new io.gureum.core.protocol.RequestContext(requestId, caller.account(), caller.registry().region,
                caller.accessKeyId(), "ecr", request);
        try {
            ctx.call(() -> {
                authorizer.authorize(new io.gureum.core.spi.AuthorizationCall("ecr", "json", operation, pojo,
                        state::resourceAccess));
                return null;
            });
        } catch (io.gureum.core.error.AwsException e) {
            if (e.status() == 403 || e.code().startsWith("AccessDenied")) {
                throw error(403, "DENIED", e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AwsHttpResponse route(Caller caller, AwsHttpRequest request) {
        Registry registry = caller.registry();
        String path = request.rawPath();
        String method = request.method();
        String account = registry.account;
        if (path.equals("/v2") || path.equals("/v2/")) {
            return only(method, Set.of("GET", "HEAD"), () -> json(new AwsHttpResponse(200), JSON.createObjectNode()));
        }
        if (path.equals("/v2/_catalog")) {
            return only(method, Set.of("GET"), () -> {
                authorize(caller, request, "DescribeRepositories",
                        DescribeRepositoriesRequest.builder().registryId(account).build());
                return catalog(registry, request);
            });
        }
        Matcher m;
        if ((m = TAGS.matcher(path)).matches()) {
            String name = name(m.group(1));
            return only(method, Set.of("GET"), () -> {
                authorize(caller, request, "ListImages",
                        ListImagesRequest.builder().registryId(account).repositoryName(name).build());
                return tags(registry, name, request);
            });
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            String name = name(m.group(1));
            String reference = decode(m.group(2));
            String operation = switch (method) {
                case "GET", "HEAD" -> "BatchGetImage";
                case "PUT" -> "PutImage";
                case "DELETE" -> "BatchDeleteImage";
                default -> throw unsupported();
            };
            authorize(caller, request, operation, switch (operation) {
                case "BatchGetImage" -> BatchGetImageRequest.builder().registryId(account).repositoryName(name).build();
                case "PutImage" -> PutImageRequest.builder().registryId(account).repositoryName(name).build();
                default -> BatchDeleteImageRequest.builder().registryId(account).repositoryName(name).build();
            });
            return switch (method) {
                case "GET", "HEAD" -> getManifest(registry, name, reference);
                case "PUT" -> putManifest(registry, name, reference, request);
                default -> deleteManifest(registry, name, reference);
            };
        }
        if ((m = UPLOAD.matcher(path)).matches()) {
            String name = name(m.group(1));
            String id = decode(m.group(2));
            if (id.isEmpty()) {
                return only(method, Set.of("POST"), () -> {
                    authorize(caller, request, "InitiateLayerUpload",
                            InitiateLayerUploadRequest.builder().registryId(account).repositoryName(name).build());
                    return blobs.startUpload(registry, name, request);
                });
            }
            if (!Set.of("GET", "PATCH", "PUT", "DELETE").contains(method)) {
                throw unsupported();
            }
            // Completing an upload needs ecr:CompleteLayerUpload; its chunks, status and cancellation ecr:UploadLayerPart.
            authorize(caller, request, method.equals("PUT") ? "CompleteLayerUpload" : "UploadLayerPart",
                    method.equals("PUT")
                            ? CompleteLayerUploadRequest.builder().registryId(account).repositoryName(name).build()
                            : UploadLayerPartRequest.builder().registryId(account).repositoryName(name).build());
            return switch (method) {
                case "GET" -> blobs.uploadStatus(registry, name, id, 204);
                case "PATCH" -> blobs.patchUpload(registry, name, id, request);
                case "PUT" -> blobs.completeUpload(registry, name, id, request);
                case "DELETE" -> blobs.cancelUpload(registry, name, id);
                default -> throw unsupported();
            };
        }
        if ((m = BLOB.matcher(path)).matches()) {
            String name = name(m.group(1));
            String digest = decode(m.group(2));
            return only(method, Set.of("GET", "HEAD"), () -> {
                // docker push asks whether a layer exists with HEAD (ecr:BatchCheckLayerAvailability); a pull reads
                // it with GET (ecr:GetDownloadUrlForLayer).
                if (method.equals("HEAD")) {
                    authorize(caller, request, "BatchCheckLayerAvailability", BatchCheckLayerAvailabilityRequest
                            .builder().registryId(account).repositoryName(name).build());
                } else {
                    authorize(caller, request, "GetDownloadUrlForLayer", GetDownloadUrlForLayerRequest.builder()
                            .registryId(account).repositoryName(name).build());
                }
                return blobs.getBlob(registry, name, digest);
            });
        }
        throw error(404, "NAME_UNKNOWN", "No registry API at " + path);
    }

    private static AwsHttpResponse only(String method, Set<String> allowed, Supplier<AwsHttpResponse> answer) {
        if (!allowed.contains(method)) {
            throw unsupported();
        }
        return answer.get();
    }

    static RegistryError unsupported() {
        return error(405, "UNSUPPORTED", "The operation is unsupported.");
    }

    private static String name(String raw) {
        String name = decode(raw);
        if (name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
            throw error(400, "NAME_INVALID", "Invalid repository name: " + name);
        }
        return name;
    }

    private static String decode(String raw) {
        return AwsHttpRequest.decode(raw, false);
    }

    /** The repository, under the module's lock; NAME_UNKNOWN as ECR answers it. */
    static Repository repository(Registry registry, String name) {
        Repository repo = registry.repositories.get(name);
        if (repo == null) {
            throw error(404, "NAME_UNKNOWN", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + registry.account + "'");
        }
        return repo;
    }

    <T> T locked(Supplier<T> body) {
        state.lock.lock();
        try {
            return body.get();
        } finally {
            state.lock.unlock();
        }
    }

    // ---- listings

    private AwsHttpResponse catalog(Registry registry, AwsHttpRequest request) {
        List<String> names = locked(() -> new ArrayList<>(new TreeSet<>(registry.repositories.keySet())));
        Page page = page(names, request);
        ObjectNode body = JSON.createObjectNode();
        page.items.forEach(body.putArray("repositories")::add);
        return link(json(new AwsHttpResponse(200), body), page, "/v2/_catalog");
    }

    private AwsHttpResponse tags(Registry registry, String name, AwsHttpRequest request) {
        List<String> tags = locked(() -> {
            TreeSet<String> all = new TreeSet<>();
            repository(registry, name).images.values().forEach(i -> all.addAll(i.tags));
            return new ArrayList<>(all);
        });
        Page page = page(tags, request);
        ObjectNode body = JSON.createObjectNode().put("name", name);
        page.items.forEach(body.putArray("tags")::add);
        return link(json(new AwsHttpResponse(200), body), page, "/v2/" + name + "/tags/list");
    }

    private record Page(List<String> items, Integer n, String next) {
    }

    /** The names after {@code last}, at most {@code n} of them (lexical order, as the specification has it). */
    private static Page page(List<String> sorted, AwsHttpRequest request) {
        String last = request.queryParameter("last");
        String nText = request.queryParameter("n");
        Integer n = null;
        if (nText != null) {
            try {
                n = Integer.parseInt(nText);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw error(400, "PAGINATION_NUMBER_INVALID", "invalid number of results requested");
            }
        }
        List<String> after = last == null ? sorted : sorted.stream().filter(t -> t.compareTo(last) > 0).toList();
        if (n == null || after.size() <= n) {
            return new Page(after, n, null);
        }
        List<String> items = after.subList(0, n);
        return new Page(items, n, items.isEmpty() ? null : items.get(items.size() - 1));
    }

    private static AwsHttpResponse link(AwsHttpResponse response, Page page, String path) {
        if (page.next != null) {
            response.header("Link", "<" + path + "?n=" + page.n + "&last="
                    + URLEncoder.encode(page.next, StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return response;
    }

    // ---- manifests

    private static Image find(Repository repo, String reference) {
        return reference.startsWith("sha256:") ? repo.images.get(reference) : repo.tagged(reference);
    }

    private AwsHttpResponse getManifest(Registry registry, String name, String reference) {
        Image image = locked(() -> find(repository(registry, name), reference));
        if (image == null) {
            throw error(404, "MANIFEST_UNKNOWN", "Requested image not found");
        }
        return new AwsHttpResponse(200).body(image.manifest.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", image.mediaType).header("Docker-Content-Digest", image.digest);
    }

    private AwsHttpResponse putManifest(Registry registry, String name, String reference, AwsHttpRequest request) {
        boolean byDigest = reference.startsWith("sha256:");
        if (byDigest ? !DIGEST.matcher(reference).matches() : !TAG.matcher(reference).matches()) {
            throw byDigest ? error(400, "DIGEST_INVALID", "Invalid image digest: " + reference)
                    : error(400, "TAG_INVALID", "Invalid image tag: " + reference);
        }
        byte[] body = request.body();
        if (body.length > MAX_MANIFEST_BYTES) {
            throw error(400, "MANIFEST_INVALID", "The manifest is larger than 4 MiB.");
        }
        String manifest = new String(body, StandardCharsets.UTF_8);
        String digest = Digests.sha256(body);
        String type = request.contentType();
        String mediaType = type == null || type.isBlank() || !type.contains("json") ? null
                : type.split(";")[0].trim();
        String tag = byDigest ? null : reference;
        return locked(() -> {
            Repository repo = repository(registry, name);
            Image existing = repo.images.get(digest);
            if (existing == null || tag != null && !existing.tags.contains(tag)) {
                try {
                    images.put(repo, manifest, mediaType, byDigest ? reference : null, tag);
                } catch (ImageDigestDoesNotMatchException e) {
                    throw error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
                } catch (LayersNotFoundException | ReferencedImagesNotFoundException e) {
                    throw error(400, "MANIFEST_BLOB_UNKNOWN", e.awsErrorDetails().errorMessage());
                } catch (ImageTagAlreadyExistsException e) {
                    throw error(400, "TAG_INVALID", "The image tag '" + tag + "' already exists in the '" + name
                            + "' repository and cannot be overwritten because the repository is immutable.");
                } catch (software.amazon.awssdk.services.ecr.model.InvalidParameterException e) {
                    throw error(400, "MANIFEST_INVALID", "manifest invalid");
                }
                record.run();
            } else if (byDigest && !reference.equals(digest)) {
                throw error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            }
            return new AwsHttpResponse(201).header("Location", "/v2/" + name + "/manifests/" + digest)
                    .header("Docker-Content-Digest", digest);
        });
    }

    private AwsHttpResponse deleteManifest(Registry registry, String name, String reference) {
        return locked(() -> {
            Repository repo = repository(registry, name);
            boolean byDigest = reference.startsWith("sha256:");
            if (!Images.delete(repo, byDigest ? reference : null, byDigest ? null : reference)) {
                throw error(404, "MANIFEST_UNKNOWN", "Requested image not found");
            }
            record.run();
            return new AwsHttpResponse(202);
        });
    }

    // ---- wire

    static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return body;
    }

    static AwsHttpResponse json(AwsHttpResponse response, ObjectNode body) {
        try {
            return response.body(JSON.writeValueAsString(body), "application/json; charset=utf-8");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops the uploads in progress and their files. */
    @Override
    public void close() {
        blobs.close();
    }
}
