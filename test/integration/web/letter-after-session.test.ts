import { serviceWithCitizen, TestService } from '../../support/test-service';

// A citizen writes a long letter; their session ends (an hour at most) before they send it.
const service = new TestService();
const citizen = serviceWithCitizen(service);

function sendLetter(form: Record<string, string>, token?: string) {
  const headers: Record<string, string> = { accept: 'text/html', origin: service.baseUrl, 'content-type': 'application/x-www-form-urlencoded' };
  if (token) headers.cookie = `sesja=${token}`;
  return fetch(`${service.baseUrl}/wyslij-pismo`, { method: 'POST', headers, body: new URLSearchParams(form).toString(), redirect: 'manual' });
}

const submissionsTitled = async (title: string): Promise<number> =>
  (await service.ctx.dataSource.query(`SELECT count(*)::int AS n FROM submissions WHERE title = $1`, [title]))[0].n;

describe('a letter sent after the session ended', () => {
  test('when the session has ended, then nothing is sent and the form comes back with the letter and a way to log in again', async () => {
    const expired = await service.login(citizen.login, citizen.password);
    await service.api('POST', '/api/v1/auth/logout', { token: expired }); // revoked = what expiry does to it
    const letter = { title: 'Wniosek o wypis z rejestru gruntów', content: 'Proszę o wydanie wypisu dla działki 12/3 przy ul. Polnej.' };

    const res = await sendLetter(letter, expired);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('sesja wygasła');
    expect(html).toContain('value="Wniosek o wypis z rejestru gruntów"');
    expect(html).toContain('Proszę o wydanie wypisu dla działki 12/3 przy ul. Polnej.');
    expect(html).toContain('href="/logowanie" target="_blank"');
    expect(await submissionsTitled(letter.title)).toBe(0);

    // Logged in again (in another tab), the same form goes through.
    const fresh = await service.login(citizen.login, citizen.password);
    const sent = await sendLetter(letter, fresh);
    expect(sent.status).toBe(303);
    expect(await submissionsTitled(letter.title)).toBe(1);
  });

  test('when nobody was logged in at all, then the same page comes back, not a redirect that drops the text', async () => {
    const res = await sendLetter({ title: 'Skarga', content: 'Treść skargi.' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Treść skargi.');
  });
});
