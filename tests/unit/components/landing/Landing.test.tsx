import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Landing } from '@/components/landing/Landing';
import { ROOM_ID_PATTERN } from '@/lib/protocol';

// The router is Next's, not the thing under test: record where Landing sends people.
const push = vi.hoisted(() => vi.fn<(href: string) => void>());
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push, replace: vi.fn(), back: vi.fn(), prefetch: vi.fn() }),
}));

beforeEach(() => push.mockReset());

function renderLanding() {
  const user = userEvent.setup();
  render(<Landing />);
  return {
    user,
    input: screen.getByTestId('room-code-input'),
    join: screen.getByTestId('join-code'),
    create: screen.getByTestId('create-room'),
  };
}

describe('Landing', () => {
  it('"New meeting" goes to a new, valid room id', async () => {
    const { user, create } = renderLanding();
    await user.click(create);
    expect(push).toHaveBeenCalledTimes(1);
    const [href] = push.mock.calls[0];
    expect(href).toMatch(/^\//);
    expect(href.slice(1)).toMatch(ROOM_ID_PATTERN);
  });

  it('creates a different room each time', async () => {
    const { user, create } = renderLanding();
    await user.click(create);
    await user.click(create);
    expect(push).toHaveBeenCalledTimes(2);
    expect(push.mock.calls[0][0]).not.toBe(push.mock.calls[1][0]);
  });

  it.each([
    ['abcd-efgh-jkmn'],
    ['ABCD-EFGH-JKMN'],
    ['abcdefghjkmn'],
    ['  AbCd EfGh JkMn  '],
    ['http://host/abcd-efgh-jkmn'],
    ['https://parley.example/ABCDEFGHJKMN?from=chat#now'],
  ])('joins with %j', async (typed) => {
    const { user, input, join } = renderLanding();
    await user.type(input, typed);
    await user.click(join);
    expect(push).toHaveBeenCalledTimes(1);
    expect(push).toHaveBeenCalledWith('/abcd-efgh-jkmn');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('joins on Enter in the code field', async () => {
    const { user, input } = renderLanding();
    await user.type(input, 'wxyz-2345-6789{Enter}');
    expect(push).toHaveBeenCalledWith('/wxyz-2345-6789');
  });

  it('keeps Join disabled until something is typed', async () => {
    const { user, input, join } = renderLanding();
    expect(join).toBeDisabled();
    await user.type(input, '   ');
    expect(join).toBeDisabled();
    await user.type(input, 'a');
    expect(join).toBeEnabled();
  });

  it.each([
    ['not a code'],
    ['abcd-efgh-jklm'],
    ['abcd-efgh'],
    ['https://parley.example/room/abcd-efgh-jkmn'],
    ['https://parley.example/abcd-efgh-jkmn/extra'],
  ])('shows an alert for %j and stays put', async (typed) => {
    const { user, input, join } = renderLanding();
    await user.type(input, typed);
    await user.click(join);
    expect(push).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/not a meeting code or link/i);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(alert.textContent ?? '');
  });

  it('clears the alert when the code is edited, then joins', async () => {
    const { user, input, join } = renderLanding();
    await user.type(input, 'nope');
    await user.click(join);
    expect(screen.getByRole('alert')).toBeInTheDocument();
    await user.clear(input);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input).not.toHaveAttribute('aria-invalid');
    await user.type(input, 'abcdefghjkmn');
    await user.click(join);
    expect(push).toHaveBeenCalledWith('/abcd-efgh-jkmn');
  });

  it('has an accessible name for the code field', () => {
    renderLanding();
    expect(screen.getByLabelText('Meeting code or link')).toBe(
      screen.getByTestId('room-code-input'),
    );
  });
});
