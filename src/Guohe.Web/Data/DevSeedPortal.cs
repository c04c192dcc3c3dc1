using System.Buffers.Binary;
using System.IO.Compression;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Domain.Stories;
using Guohe.Web.Features.Stories;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>
/// Demo data of the public portal (Development only, idempotent): the demo pilot and the demo base consent to publish an
/// introduction, website and achievements (the pilot also its partner countries, Art. 11(7), 17), and one published success
/// story about both with a generated picture (Art. 7(4)).
/// </summary>
public static class DevSeedPortal
{
    public const string StoryTitle = "深耕“一带一路”：两家孵化载体的国际技术转移之路";

    public static async Task RunAsync(GuoheDbContext db, FileStore files, UserManager<GuoheUser> users, DateTime now)
    {
        var applicantUser = await users.FindByEmailAsync("applicant@demo.guohe.cn") ?? throw new InvalidOperationException("Demo applicant is missing.");
        var officeUser = await users.FindByEmailAsync("office@demo.guohe.cn") ?? throw new InvalidOperationException("Demo office is missing.");
        var applicant = new Actor(applicantUser.Id, applicantUser.DisplayName, Role.Applicant);
        var office = new Actor(officeUser.Id, officeUser.DisplayName, Role.Office);

        var pilotUscc = DevSeed.DemoUscc(4);
        var baseUscc = DevSeed.DemoUscc(5);
        var pilot = await db.Organisations.SingleAsync(o => o.Uscc == pilotUscc);
        var baseOrg = await db.Organisations.SingleAsync(o => o.Uscc == baseUscc);
        if (pilot.Publication == Publication.None)
        {
            pilot.Publish(applicant, now, new Publication
            {
                Introduction = "浙江大学国际技术转移中心依托高校科研资源，面向欧洲和东南亚开展联合研发、技术转移和人才培养，服务科技型中小企业“走出去”和国外先进技术“引进来”。",
                Website = "https://www.zju.edu.cn",
                Achievements = "累计促成国际技术转移项目30余项；与德国、新加坡等国的合作机构共建联合实验室2个；举办国际创新创业大赛3届。",
                ShowPartnerCountries = true,
            });
        }
        if (baseOrg.Publication == Publication.None)
        {
            baseOrg.Publish(applicant, now, new Publication
            {
                Introduction = "苏州工业园区国际科技合作孵化中心聚焦先进制造和生物健康领域，建有海外孵化基地两个，为入驻企业提供跨境孵化、知识产权和投融资服务。",
                Website = "https://www.sipac.gov.cn",
                Achievements = "孵化国际合作企业120余家；连续两年年度考核优秀。",
            });
        }
        await db.SaveChangesAsync();

        if (await db.Stories.AnyAsync())
        {
            return;
        }
        var story = Story.Create(office, now.AddDays(-3), new StoryContent(StoryTitle,
            "两家国合孵化载体以共建“一带一路”为主线，围绕先进制造和生物健康领域，与德国、新加坡等国的科研机构建立了稳定的合作渠道。\n\n"
            + "通过联合孵化、人才培训和国际创新创业大赛，累计引进国外先进技术二十余项，帮助国内科技型中小企业在海外落地。",
            [baseOrg.Id, pilot.Id]));
        db.Stories.Add(story);
        await db.SaveChangesAsync();
        var saved = await files.SaveAsync(
            new Upload(FileOwner.OfStory(story.Id), DocumentKind.StoryPicture, "story.png", Png(480, 270)) { Replaces = false, Only = StoryReads.PictureTypes },
            officeUser.Id);
        if (saved.File is null)
        {
            throw new InvalidOperationException($"The demo story picture was refused: {saved.Refusal}.");
        }
        story.Publish(office, now.AddDays(-2), 1);
        await db.SaveChangesAsync();
    }

    /// <summary>A small RGB PNG: a red band over a light background (the programme's colours), valid chunks and CRCs.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var band = y > height / 3 && y < height * 2 / 3;
                var (r, g, b) = band ? ((byte)0x8b, (byte)0x1a, (byte)0x1a) : ((byte)0xf4, (byte)(0xe6 - x * 0x20 / width), (byte)0xd0);
                raw[row + 1 + x * 3] = r;
                raw[row + 2 + x * 3] = g;
                raw[row + 3 + x * 3] = b;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
