package io.gureum.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Creates, updates and deletes the resources of one CloudFormation type ({@code AWS::SQS::Queue}) by
 * calling the owning service through in-process clients ({@link ResourceRequest#client}): never a
 * service's store. This interface is the contract between the engine and every handler.
 *
 * <h2>What the engine guarantees</h2>
 * <ul>
 *   <li>Properties arrive resolved: every intrinsic function ({@code Ref}, {@code Fn::GetAtt},
 *       {@code Fn::Sub} …) and condition ({@code Fn::If}, {@code AWS::NoValue}) is already replaced by its
 *       value, so {@link ResourceRequest#properties()} is plain JSON in the shape of the type's
 *       documentation (numbers and booleans may arrive as strings, as templates often write them:
 *       read them with {@link ResourceRequest#integer}/{@link ResourceRequest#bool}).</li>
 *   <li>Calls run on the engine's worker threads, never on a Netty event loop; several resources of one
 *       stack are created in parallel when the dependency graph allows, so a handler keeps no mutable
 *       state of its own (one instance serves every stack of the server).</li>
 *   <li>{@link #update} is called only when no changed property requires replacement
 *       ({@link #requiresReplacement}); otherwise the engine creates a new resource with {@link #create},
 *       points dependants at it, and deletes the old one with {@link #delete} during cleanup.</li>
 *   <li>{@link #delete} is called with the physical id and properties of the resource's last successful
 *       create or update, also during rollback.</li>
 * </ul>
 *
 * <h2>What a handler must do</h2>
 * <ul>
 *   <li>Return from {@link #create} the physical id (what {@code Ref} returns: AWS documents it per type
 *       under "Return values", e.g. a queue's URL, a bucket's name) and every {@code Fn::GetAtt}
 *       attribute the type documents ({@link Created#attribute}).</li>
 *   <li>Generate the name AWS would when the template gives none: {@link ResourceRequest#generatedName}.</li>
 *   <li>Apply {@link ResourceRequest#tags()} (the {@code aws:cloudformation:stack-name}, {@code -stack-id},
 *       {@code -logical-id} tags and the stack's tags) where the type is taggable.</li>
 *   <li>Fail by throwing: a service's SDK exception ({@code QueueNameExistsException}) as the in-process
 *       client threw it, or {@link ResourceFailure} for a problem the handler itself finds (a required
 *       property missing). The engine turns either into the resource's {@code CREATE_FAILED} /
 *       {@code UPDATE_FAILED} / {@code DELETE_FAILED} event with AWS's wording, and rolls back.</li>
 *   <li>Treat a resource already gone as deleted: {@link #delete} succeeds on the service's not-found
 *       error (AWS does the same, so a stack whose resources were removed by hand can still be deleted).</li>
 * </ul>
 *
 * <p>Register a handler in {@link ResourceHandlers#BUILT_IN}. Unknown types are refused by the engine
 * before anything is created (see {@link ResourceHandlers#unrecognized}).
 */
public interface ResourceHandler {

    /** The CloudFormation type this handler serves, e.g. {@code AWS::SQS::Queue}. */
    String type();

    /**
     * The top-level properties whose change requires replacement: those AWS's reference page for the type
     * marks "Update requires: Replacement" (a queue's {@code QueueName} and {@code FifoQueue}, a bucket's
     * {@code BucketName}). A type that cannot be updated in place at all returns
     * {@link #ALL_PROPERTIES}.
     */
    Set<String> replacementProperties();

    /** Marks a type whose every property change replaces the resource. */
    Set<String> ALL_PROPERTIES = Set.of("*");

    /**
     * Whether the change from {@link ResourceRequest#previousProperties()} to
     * {@link ResourceRequest#properties()} replaces the resource. By default: whether a changed top-level
     * property (added, removed or modified) is one of {@link #replacementProperties()}. Override for
     * conditional replacement ("Update requires: Replacement if you change from X to Y").
     */
    default boolean requiresReplacement(ResourceRequest request) {
        Set<String> replacing = replacementProperties();
        if (replacing.equals(ALL_PROPERTIES)) {
            return !request.changedProperties().isEmpty();
        }
        return request.changedProperties().stream().anyMatch(replacing::contains);
    }

    /** Creates the resource; {@link ResourceRequest#physicalId()} is null. */
    Created create(ResourceRequest request);

    /**
     * Updates the resource in place: {@link ResourceRequest#physicalId()} stays the resource's id, and the
     * returned attributes replace those of {@link ResourceRequest#attributes()} (return them all, changed
     * or not). Only called when {@link #requiresReplacement} is false; the default refuses, for types whose
     * {@link #replacementProperties()} is {@link #ALL_PROPERTIES}.
     */
    default Created update(ResourceRequest request) {
        throw new ResourceFailure("Update of " + type() + " in place is not supported");
    }

    /** Deletes the resource; succeeds when it is already gone. */
    void delete(ResourceRequest request);

    /**
     * Whether the type honours {@code DeletionPolicy: Snapshot} (AWS lists the types: volumes, RDS,
     * ElastiCache, Redshift, Neptune, DocumentDB). A template asking a snapshot of another type fails
     * validation.
     */
    default boolean snapshots() {
        return false;
    }

    /** Takes the snapshot {@code DeletionPolicy: Snapshot} asks for, before {@link #delete}. */
    default void snapshot(ResourceRequest request) {
        throw new ResourceFailure(type() + " does not support DeletionPolicy Snapshot");
    }

    /**
     * The {@code Fn::GetAtt} attributes other resources can change after this one's create or update (a
     * VPC's {@code Ipv6CidrBlocks}, which an {@code AWS::EC2::VPCCidrBlock} adds to): the engine reads them
     * again with {@link #attributesNow} before it resolves a resource referencing them, as AWS reads them
     * when they are needed.
     */
    default Set<String> changingAttributes() {
        return Set.of();
    }

    /** The resource's attributes as the service reports them now; called only for {@link #changingAttributes}. */
    default Map<String, JsonNode> attributesNow(ResourceRequest request) {
        throw new UnsupportedOperationException(type() + " has no changing attributes");
    }

    /** Whether {@link #read} is implemented: drift detection reports the others {@code NOT_CHECKED}. */
    default boolean readable() {
        return false;
    }

    /**
     * The resource's current properties as the service reports them, in the template's shape, for drift
     * detection: only the properties the handler can read (the engine compares those); null when the
     * resource no longer exists ({@code DELETED}).
     */
    default JsonNode read(ResourceRequest request) {
        throw new UnsupportedOperationException(type() + " cannot be read");
    }

    /**
     * Whether {@link #importResource} can bring an existing resource under a stack (ChangeSetType IMPORT): by
     * default the types whose handler can {@link #read} a resource by its identifier.
     */
    default boolean importable() {
        return readable();
    }

    /**
     * The existing resource {@link ResourceRequest#physicalId()} (the import's identifier) as a created one, for
     * resource import: fails when the service does not have it. By default {@link #read} checks it exists and
     * no attribute is known; types not {@link #importable()} are refused as AWS refuses them.
     */
    default Created importResource(ResourceRequest request) {
        if (!importable()) {
            throw new ResourceFailure("ResourceTypes [" + type() + "] are not supported for Import");
        }
        if (read(request) == null) {
            throw new ResourceFailure("Resource with identifier " + request.physicalId() + " does not exist",
                    "NotFound");
        }
        return Created.of(request.physicalId());
    }

    /**
     * Whether {@link #retag} is implemented: a stack refactor re-tags the resources it moves or renames with the
     * destination's {@code aws:cloudformation:*} tags (the refactor's {@code TagResources}/{@code UntagResources}
     * actions); the resources of other types keep their tags.
     */
    default boolean retags() {
        return false;
    }

    /**
     * Applies {@link ResourceRequest#tags()} (with the template's {@code Tags}) to the existing resource
     * {@link ResourceRequest#physicalId()} and removes {@code removedKeys}: a stack refactor's re-tagging. Only
     * called when {@link #retags()}.
     */
    default void retag(ResourceRequest request, java.util.List<String> removedKeys) {
        throw new UnsupportedOperationException(type() + " cannot be re-tagged");
    }
}
