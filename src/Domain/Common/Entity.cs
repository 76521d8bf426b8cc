namespace Soundscape.Domain.Common;

/// <summary>Identity by id; every table of the model has a uuid id and a creation time.</summary>
public abstract class Entity
{
    protected Entity(Guid id, DateTimeOffset createdAt)
    {
        Id = id;
        CreatedAt = createdAt;
    }

    // For the persistence layer, which sets properties after construction.
    protected Entity()
    {
    }

    public Guid Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    // Version-7 uuids are time ordered, which keeps b-tree inserts local.
    protected static Guid NewId() => Guid.CreateVersion7();
}
