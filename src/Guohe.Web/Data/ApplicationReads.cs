using Guohe.Domain.History;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>The reads every page about an application needs: its current filing documents and the history of an aggregate.</summary>
public static class ApplicationReads
{
    /// <summary>The current (not replaced) filing documents, in Form 1 order.</summary>
    public static Task<List<StoredFile>> CurrentDocumentsAsync(this GuoheDbContext db, Guid applicationId) =>
        db.StoredFiles.AsNoTracking().Where(f => f.ApplicationId == applicationId && f.DeletedAtUtc == null).OrderBy(f => f.Kind).ToListAsync();

    /// <summary>The append-only history of one aggregate, oldest first.</summary>
    public static Task<List<TransitionRecord>> HistoryOfAsync(this GuoheDbContext db, Guid aggregateId) =>
        db.TransitionRecords.AsNoTracking().Where(r => r.AggregateId == aggregateId).OrderBy(r => r.Sequence).ToListAsync();
}
