using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Support;

/// <summary>A stored, submitted application of a test applicant, made through the verbs and the file store as the pages do.</summary>
public static class PersistedApplications
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static Task<Guid> SubmittedAsync(this GuoheApp app, GuoheUser applicant, Guid? recommenderOrganisationId = null) =>
        app.WithDbAsync(async (db, services) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var batch = await db.Batches.FirstOrDefaultAsync();
            if (batch is null)
            {
                batch = Batch.Create(new Actor(Guid.NewGuid(), "办公室", Role.Office), now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30));
                db.Batches.Add(batch);
            }
            var organisation = await db.Organisations.SingleAsync(o => o.Id == applicant.OrganisationId);
            var actor = new Actor(applicant.Id, applicant.DisplayName, Role.Applicant);
            var application = Application.Create(actor, now, organisation, batch);
            var route = recommenderOrganisationId is null ? ApplicationRoute.SelfApplied : ApplicationRoute.Recommended;
            application.EditDraft(actor, now, World.CompleteForm(route) with { OrganisationName = organisation.Name, RecommenderOrganisationId = recommenderOrganisationId });
            db.Applications.Add(application);
            await db.SaveChangesAsync();

            var store = services.GetRequiredService<FileStore>();
            foreach (var kind in new[] { DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction })
            {
                await store.SaveAsync(new Upload(application.Id, kind, $"{kind}.pdf", Pdf), applicant.Id);
            }
            var numbered = await db.Applications.CountAsync(a => a.Number != null);
            application.Submit(actor, now, new SubmitContext(batch, null, false, await FileStore.DocumentsPresentAsync(db, application.Id), numbered + 1));
            await db.SaveChangesAsync();
            return application.Id;
        });
}
