package io.gureum.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ssm.model.AccountSharingInfo;
import software.amazon.awssdk.services.ssm.model.CreateDocumentRequest;
import software.amazon.awssdk.services.ssm.model.CreateDocumentResponse;
import software.amazon.awssdk.services.ssm.model.DeleteDocumentRequest;
import software.amazon.awssdk.services.ssm.model.DeleteDocumentResponse;
import software.amazon.awssdk.services.ssm.model.DescribeDocumentPermissionRequest;
import software.amazon.awssdk.services.ssm.model.DescribeDocumentPermissionResponse;
import software.amazon.awssdk.services.ssm.model.DescribeDocumentRequest;
import software.amazon.awssdk.services.ssm.model.DescribeDocumentResponse;
import software.amazon.awssdk.services.ssm.model.DocumentDefaultVersionDescription;
import software.amazon.awssdk.services.ssm.model.DocumentDescription;
import software.amazon.awssdk.services.ssm.model.DocumentFilter;
import software.amazon.awssdk.services.ssm.model.DocumentIdentifier;
import software.amazon.awssdk.services.ssm.model.DocumentKeyValuesFilter;
import software.amazon.awssdk.services.ssm.model.DocumentParameter;
import software.amazon.awssdk.services.ssm.model.DocumentRequires;
import software.amazon.awssdk.services.ssm.model.DocumentVersionInfo;
import software.amazon.awssdk.services.ssm.model.GetDocumentRequest;
import software.amazon.awssdk.services.ssm.model.GetDocumentResponse;
import software.amazon.awssdk.services.ssm.model.ListDocumentVersionsRequest;
import software.amazon.awssdk.services.ssm.model.ListDocumentVersionsResponse;
import software.amazon.awssdk.services.ssm.model.ListDocumentsRequest;
import software.amazon.awssdk.services.ssm.model.ListDocumentsResponse;
import software.amazon.awssdk.services.ssm.model.ModifyDocumentPermissionRequest;
import software.amazon.awssdk.services.ssm.model.ModifyDocumentPermissionResponse;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.UpdateDocumentDefaultVersionRequest;
import software.amazon.awssdk.services.ssm.model.UpdateDocumentDefaultVersionResponse;
import software.amazon.awssdk.services.ssm.model.UpdateDocumentRequest;
import software.amazon.awssdk.services.ssm.model.UpdateDocumentResponse;

/**
 * SSM documents of the caller's account (CreateDocument … ModifyDocumentPermission): versions, the default
 * version, sharing with other accounts or publicly, tags. Documents owned by AWS ({@code AWS-RunShellScript}
 * …) are not served: their content is not public data Gureum could answer faithfully.
 */
final class Documents {
    /** "You can't use the following strings as document name prefixes" (CreateDocument, Name). */
    private static final List<String> RESERVED = List.of("aws", "amazon", "amzn");
    static final int MAX_DOCUMENTS = 500;
    static final int MAX_VERSIONS = 1000;
    /** A private document is shared with at most 1,000 accounts; at most 5 documents are public. */
    static final int MAX_SHARES = 1000;
    static final int MAX_PUBLIC = 5;
    private static final Set<String> FILTER_KEYS = Set.of("Owner", "Name", "PlatformTypes", "DocumentType",
            "TargetType");

    private final SsmState state;

    Documents(SsmState state) {
        this.state = state;
    }

    public CreateDocumentResponse createDocument(CreateDocumentRequest r) {
        String name = r.name();
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.stream().anyMatch(lower::startsWith)) {
            throw SsmErrors.validation("Invalid document name " + name + ": the prefixes aws, amazon and amzn are"
                    + " reserved for documents of Amazon Web Services.");
        }
        if (r.hasAttachments() && !r.attachments().isEmpty()) {
            throw CommonErrors.notImplemented("ssm", "CreateDocument with Attachments");
        }
        String type = r.documentType() == null ? "Command" : r.documentTypeAsString();
        String format = r.documentFormat() == null ? "JSON" : r.documentFormatAsString();
        JsonNode doc = DocumentContent.parse(r.content(), format);
        DocumentContent.schemaVersion(doc, type);
        ParameterStore store = state.current();
        if (store.documents.containsKey(name)) {
            throw SsmErrors.documentExists();
        }
        if (store.documents.size() >= MAX_DOCUMENTS) {
            throw SsmErrors.tooManyDocuments();
        }
        if (r.hasTags() && r.tags().size() > ParameterTags.MAX) {
            throw SsmErrors.tooManyTags();
        }
        StoredDocument d = new StoredDocument(name, arn(store.region, store.account, name), type, store.account);
        d.versions.put(1L, new StoredDocument.Version(1, r.content(), format, DocumentContent.sha256(r.content()),
                r.displayName(), r.versionName(), r.targetType(), requires(r.requires()), state.now()));
        if (r.hasTags()) {
            r.tags().forEach(t -> d.tags.put(t.key(), t.value()));
        }
        d.tags.attach(state.context.registry(), store.account, store.region, "ssm", "document/" + name, d.arn);
        store.documents.put(name, d);
        return CreateDocumentResponse.builder().documentDescription(describe(d, d.defaulted(), "Creating")).build();
    }

    public GetDocumentResponse getDocument(GetDocumentRequest r) {
        StoredDocument d = visible(r.name());
        StoredDocument.Version v = version(d, r.documentVersion(), r.versionName());
        String format = r.documentFormat() == null ? v.format() : r.documentFormatAsString();
        return GetDocumentResponse.builder().name(d.name).createdDate(v.created()).displayName(v.displayName())
                .versionName(v.versionName()).documentVersion(Long.toString(v.number())).status("Active")
                .content(DocumentContent.as(v.content(), v.format(), format)).documentType(d.type)
                .documentFormat(format).requires(requiresOf(v)).build();
    }

    public DescribeDocumentResponse describeDocument(DescribeDocumentRequest r) {
        StoredDocument d = visible(r.name());
        return DescribeDocumentResponse.builder()
                .document(describe(d, version(d, r.documentVersion(), r.versionName()), "Active")).build();
    }

    public UpdateDocumentResponse updateDocument(UpdateDocumentRequest r) {
        StoredDocument d = owned(r.name());
        if (r.hasAttachments() && !r.attachments().isEmpty()) {
            throw CommonErrors.notImplemented("ssm", "UpdateDocument with Attachments");
        }
        StoredDocument.Version latest = d.latest();
        if (r.documentVersion() != null && !r.documentVersion().equals("$LATEST")
                && !r.documentVersion().equals(Long.toString(latest.number()))) {
            throw SsmErrors.invalidDocumentVersion();
        }
        String format = r.documentFormat() == null ? "JSON" : r.documentFormatAsString();
        JsonNode doc = DocumentContent.parse(r.content(), format);
        DocumentContent.schemaVersion(doc, d.type);
        String hash = DocumentContent.sha256(r.content());
        if (hash.equals(latest.hash())) {
            throw SsmErrors.duplicateContent();
        }
        if (r.versionName() != null && d.versions.values().stream().anyMatch(v -> r.versionName().equals(v.versionName()))) {
            throw SsmErrors.duplicateVersionName();
        }
        if (d.versions.size() >= MAX_VERSIONS) {
            throw SsmErrors.tooManyDocumentVersions();
        }
        long number = d.nextVersion();
        StoredDocument.Version v = new StoredDocument.Version(number, r.content(), format, hash,
                r.displayName() != null ? r.displayName() : latest.displayName(), r.versionName(),
                r.targetType() != null ? r.targetType() : latest.targetType(), latest.requires(), state.now());
        d.versions.put(number, v);
        d.revision++;
        return UpdateDocumentResponse.builder().documentDescription(describe(d, v, "Updating")).build();
    }

    public UpdateDocumentDefaultVersionResponse updateDocumentDefaultVersion(UpdateDocumentDefaultVersionRequest r) {
        StoredDocument d = owned(r.name());
        StoredDocument.Version v = version(d, r.documentVersion(), null);
        d.defaultVersion = v.number();
        d.revision++;
        return UpdateDocumentDefaultVersionResponse.builder().description(DocumentDefaultVersionDescription.builder()
                .name(d.name).defaultVersion(Long.toString(v.number())).defaultVersionName(v.versionName()).build())
                .build();
    }

    public ListDocumentVersionsResponse listDocumentVersions(ListDocumentVersionsRequest r) {
        StoredDocument d = visible(r.name());
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("document-versions", r.nextToken());
        if (after != null && !after.matches("\\d{1,18}")) {
            throw SsmErrors.invalidNextToken();
        }
        List<DocumentVersionInfo> page = new ArrayList<>();
        String next = null;
        for (StoredDocument.Version v : d.versions.values()) {
            if (after != null && v.number() <= Long.parseLong(after)) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("document-versions", page.get(page.size() - 1).documentVersion());
                break;
            }
            page.add(DocumentVersionInfo.builder().name(d.name).displayName(v.displayName())
                    .documentVersion(Long.toString(v.number())).versionName(v.versionName()).createdDate(v.created())
                    .isDefaultVersion(v.number() == d.defaultVersion).documentFormat(v.format()).status("Active")
                    .build());
        }
        return ListDocumentVersionsResponse.builder().documentVersions(page).nextToken(next).build();
    }

    public DeleteDocumentResponse deleteDocument(DeleteDocumentRequest r) {
        StoredDocument d = owned(r.name());
        if (!d.sharedWith.isEmpty()) {
            throw SsmErrors.invalidDocumentOperation("You attempted to delete a document while it is still shared."
                    + " You must stop sharing the document before you can delete it.");
        }
        ParameterStore store = state.current();
        if (r.documentVersion() == null && r.versionName() == null) {
            store.documents.remove(d.name);
            d.tags.detach();
            return DeleteDocumentResponse.builder().build();
        }
        StoredDocument.Version v = version(d, r.documentVersion(), r.versionName());
        if (v.number() == d.defaultVersion) {
            throw SsmErrors.invalidDocumentOperation("The default version of a document can't be deleted. Set"
                    + " another version as the default version, or delete the document.");
        }
        d.versions.remove(v.number());
        d.revision++;
        return DeleteDocumentResponse.builder().build();
    }

    public ListDocumentsResponse listDocuments(ListDocumentsRequest r) {
        RequestContext ctx = RequestContext.current();
        String caller = ctx.accountId();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (r.hasFilters()) {
            for (DocumentKeyValuesFilter f : r.filters()) {
                String key = f.key();
                if (key == null || !FILTER_KEYS.contains(key) && !key.startsWith("tag:")) {
                    throw SsmErrors.invalidFilterKey(String.valueOf(key), FILTER_KEYS.stream().sorted().toList()
                            + " or tag:<key>");
                }
                filters.computeIfAbsent(key, k -> new ArrayList<>()).addAll(f.hasValues() ? f.values() : List.of());
            }
        }
        if (r.hasDocumentFilterList()) {
            for (DocumentFilter f : r.documentFilterList()) {
                filters.computeIfAbsent(f.keyAsString(), k -> new ArrayList<>()).add(f.value());
            }
        }
        List<String> owners = filters.remove("Owner");
        String owner = owners == null || owners.isEmpty() ? null : owners.get(0);
        List<StoredDocument> found = new ArrayList<>();
        state.all.forEach((place, store) -> {
            if (!store.region.equals(ctx.region())) {
                return;
            }
            for (StoredDocument d : store.documents.values()) {
                boolean mine = d.owner.equals(caller);
                boolean sharedToMe = !mine && d.sharedWith.containsKey(caller);
                boolean isPublic = d.sharedWith.containsKey("all");
                boolean listed = switch (owner == null ? "" : owner) {
                    case "Self" -> mine;
                    case "Private" -> mine || sharedToMe;
                    case "Public" -> isPublic;
                    case "Amazon", "ThirdParty" -> false;
                    default -> mine || sharedToMe;
                };
                if (listed && filters.entrySet().stream().allMatch(e -> matches(d, e.getKey(), e.getValue()))) {
                    found.add(d);
                }
            }
        });
        found.sort(Comparator.comparing((StoredDocument d) -> d.name).thenComparing(d -> d.owner));
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("documents", r.nextToken());
        List<DocumentIdentifier> page = new ArrayList<>();
        String next = null;
        String last = null;
        for (StoredDocument d : found) {
            String position = d.name + "\u0000" + d.owner;
            if (after != null && position.compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = PageTokens.encode("documents", last);
                break;
            }
            page.add(identifier(d));
            last = position;
        }
        return ListDocumentsResponse.builder().documentIdentifiers(page).nextToken(next).build();
    }

    public ModifyDocumentPermissionResponse modifyDocumentPermission(ModifyDocumentPermissionRequest r) {
        StoredDocument d = owned(r.name());
        Map<String, String> next = new LinkedHashMap<>(d.sharedWith);
        String shared = r.sharedDocumentVersion() == null ? "$DEFAULT" : r.sharedDocumentVersion();
        for (String a : r.hasAccountIdsToAdd() ? r.accountIdsToAdd() : List.<String>of()) {
            next.put(a.equalsIgnoreCase("all") ? "all" : a, shared);
        }
        for (String a : r.hasAccountIdsToRemove() ? r.accountIdsToRemove() : List.<String>of()) {
            next.remove(a.equalsIgnoreCase("all") ? "all" : a);
        }
        if (next.keySet().stream().filter(a -> !a.equals("all")).count() > MAX_SHARES) {
            throw SsmErrors.permissionLimit();
        }
        if (next.containsKey("all") && !d.sharedWith.containsKey("all")) {
            long publicOnes = state.current().documents.values().stream()
                    .filter(o -> o.sharedWith.containsKey("all")).count();
            if (publicOnes >= MAX_PUBLIC) {
                throw SsmErrors.permissionLimit();
            }
        }
        d.sharedWith.clear();
        d.sharedWith.putAll(next);
        d.revision++;
        return ModifyDocumentPermissionResponse.builder().build();
    }

    public DescribeDocumentPermissionResponse describeDocumentPermission(DescribeDocumentPermissionRequest r) {
        StoredDocument d = owned(r.name());
        int max = r.maxResults() == null ? 200 : r.maxResults();
        String after = PageTokens.decode("document-permission", r.nextToken());
        if (after != null && !after.matches("\\d{1,9}")) {
            throw SsmErrors.invalidNextToken();
        }
        int from = after == null ? 0 : Integer.parseInt(after);
        List<Map.Entry<String, String>> all = new ArrayList<>(d.sharedWith.entrySet());
        List<Map.Entry<String, String>> page = all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()));
        String next = from + max < all.size() ? PageTokens.encode("document-permission", Integer.toString(from + max))
                : null;
        return DescribeDocumentPermissionResponse.builder().accountIds(page.stream().map(Map.Entry::getKey).toList())
                .accountSharingInfoList(page.stream().map(e -> AccountSharingInfo.builder().accountId(e.getKey())
                        .sharedDocumentVersion(e.getValue()).build()).toList())
                .nextToken(next).build();
    }

    // ---------------------------------------------------------------------------------------------

    static Arn arn(String region, String account, String name) {
        return Arn.of("ssm", region, account, "document/" + name);
    }

    /** The caller's own document; InvalidDocument when it has none of that name. */
    StoredDocument owned(String name) {
        StoredDocument d = state.current().documents.get(name);
        if (d == null) {
            throw SsmErrors.invalidDocument();
        }
        return d;
    }

    /** The caller's document by name or ARN, or another account's shared with it (by ARN). */
    StoredDocument visible(String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return owned(nameOrArn);
        }
        RequestContext ctx = RequestContext.current();
        Arn arn;
        try {
            arn = Arn.parse(nameOrArn);
        } catch (RuntimeException e) {
            throw SsmErrors.invalidDocument();
        }
        if (!arn.resource().startsWith("document/") || !ctx.region().equals(arn.region())) {
            throw SsmErrors.invalidDocument();
        }
        String name = arn.resource().substring("document/".length());
        StoredDocument d = state.all.get(arn.accountId(), arn.region()).documents.get(name);
        if (d == null || !arn.accountId().equals(ctx.accountId()) && !d.sharedWith.containsKey(ctx.accountId())
                && !d.sharedWith.containsKey("all")) {
            throw SsmErrors.invalidDocument();
        }
        return d;
    }

    /**
     * The version a request names: {@code $DEFAULT} (or nothing) the default one, {@code $LATEST} the latest,
     * a number that one, a VersionName the one so named (both must agree); InvalidDocumentVersion otherwise.
     */
    static StoredDocument.Version version(StoredDocument d, String number, String versionName) {
        StoredDocument.Version v;
        if (number == null || number.equals("$DEFAULT")) {
            v = number == null && versionName != null ? null : d.defaulted();
        } else if (number.equals("$LATEST")) {
            v = d.latest();
        } else {
            try {
                v = d.versions.get(Long.parseLong(number));
            } catch (NumberFormatException e) {
                v = null;
            }
        }
        if (versionName != null) {
            if (v == null) {
                v = d.versions.values().stream().filter(x -> versionName.equals(x.versionName())).findFirst()
                        .orElse(null);
            } else if (!versionName.equals(v.versionName())) {
                v = null;
            }
        }
        if (v == null) {
            throw SsmErrors.invalidDocumentVersion();
        }
        return v;
    }

    private static boolean matches(StoredDocument d, String key, List<String> values) {
        StoredDocument.Version v = d.defaulted();
        Predicate<String> any = switch (key) {
            case "Name" -> d.name::startsWith;
            case "DocumentType" -> d.type::equals;
            case "PlatformTypes" -> p -> platforms(d.type, v).contains(p);
            case "TargetType" -> t -> t.equals(v.targetType());
            default -> {
                String tag = key.substring("tag:".length());
                yield values.isEmpty() ? x -> true : x -> x.equals(d.tags.get(tag));
            }
        };
        if (key.startsWith("tag:") && !d.tags.containsKey(key.substring(4))) {
            return false;
        }
        return values.isEmpty() ? key.startsWith("tag:") : values.stream().anyMatch(any);
    }

    private DocumentIdentifier identifier(StoredDocument d) {
        StoredDocument.Version v = d.defaulted();
        JsonNode doc = parsed(v);
        return DocumentIdentifier.builder().name(d.name).createdDate(d.versions.firstEntry().getValue().created())
                .displayName(v.displayName()).owner(d.owner).versionName(v.versionName())
                .platformTypesWithStrings(platforms(d.type, v)).documentVersion(Long.toString(v.number()))
                .documentType(d.type).schemaVersion(schema(doc)).documentFormat(v.format()).targetType(v.targetType())
                .tags(tags(d)).requires(requiresOf(v)).build();
    }

    private DocumentDescription describe(StoredDocument d, StoredDocument.Version v, String status) {
        JsonNode doc = parsed(v);
        List<DocumentParameter> parameters = new ArrayList<>();
        JsonNode ps = doc == null ? null : doc.get("parameters");
        if (ps != null && ps.isObject()) {
            ps.fields().forEachRemaining(e -> {
                JsonNode p = e.getValue();
                JsonNode dflt = p.get("default");
                parameters.add(DocumentParameter.builder().name(e.getKey())
                        .type(p.hasNonNull("type") ? p.get("type").asText() : null)
                        .description(p.hasNonNull("description") ? p.get("description").asText() : null)
                        .defaultValue(dflt == null || dflt.isNull() ? null
                                : dflt.isValueNode() ? dflt.asText() : dflt.toString())
                        .build());
            });
        }
        JsonNode description = doc == null ? null : doc.get("description");
        return DocumentDescription.builder().hash(v.hash()).hashType("Sha256").name(d.name)
                .displayName(v.displayName()).versionName(v.versionName()).owner(d.owner)
                .createdDate(d.versions.firstEntry().getValue().created()).status(status)
                .documentVersion(Long.toString(v.number()))
                .description(description != null && description.isValueNode() ? description.asText() : null)
                .parameters(parameters).platformTypesWithStrings(platforms(d.type, v)).documentType(d.type)
                .schemaVersion(schema(doc)).latestVersion(Long.toString(d.latest().number()))
                .defaultVersion(Long.toString(d.defaultVersion)).documentFormat(v.format())
                .targetType(v.targetType()).tags(tags(d)).requires(requiresOf(v)).build();
    }

    private static JsonNode parsed(StoredDocument.Version v) {
        try {
            return DocumentContent.parse(v.content(), v.format());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String schema(JsonNode doc) {
        JsonNode s = doc == null ? null : doc.get("schemaVersion");
        return s == null || !s.isValueNode() ? null : s.asText();
    }

    /**
     * The platforms a document runs on, as Gureum derives them: Command documents from their plugins
     * ({@code aws:runShellScript} Linux and macOS, {@code aws:runPowerShellScript} Windows, any other all
     * three); Automation, Session, Policy and Package documents all three; other types none.
     */
    static List<String> platforms(String type, StoredDocument.Version v) {
        Set<String> all = new LinkedHashSet<>(List.of("Windows", "Linux", "MacOS"));
        switch (type) {
            case "Automation", "Automation.ChangeTemplate", "Session", "Policy", "Package" -> {
                return List.copyOf(all);
            }
            case "Command" -> {
            }
            default -> {
                return List.of();
            }
        }
        JsonNode doc = parsed(v);
        List<String> actions = new ArrayList<>();
        if (doc != null && doc.get("mainSteps") != null) {
            doc.get("mainSteps").forEach(s -> actions.add(s.path("action").asText()));
        }
        if (doc != null && doc.get("runtimeConfig") != null) {
            doc.get("runtimeConfig").fieldNames().forEachRemaining(actions::add);
        }
        Set<String> found = new LinkedHashSet<>();
        for (String a : actions) {
            switch (a) {
                case "aws:runShellScript" -> found.addAll(List.of("Linux", "MacOS"));
                case "aws:runPowerShellScript" -> found.add("Windows");
                default -> found.addAll(all);
            }
        }
        List<String> ordered = new ArrayList<>(all);
        ordered.retainAll(found);
        return ordered;
    }

    private static List<Tag> tags(StoredDocument d) {
        return d.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static List<StoredDocument.Requirement> requires(List<DocumentRequires> given) {
        if (given == null) {
            return List.of();
        }
        return given.stream().map(q -> new StoredDocument.Requirement(q.name(), q.version(), q.requireType(),
                q.versionName())).toList();
    }

    private static List<DocumentRequires> requiresOf(StoredDocument.Version v) {
        if (v.requires() == null || v.requires().isEmpty()) {
            return null;
        }
        return v.requires().stream().map(q -> DocumentRequires.builder().name(q.name()).version(q.version())
                .requireType(q.requireType()).versionName(q.versionName()).build()).toList();
    }
}
