import { z } from 'zod';
import { countrySchema, idSchema, languageSchema, zoneSchema } from './common.js';

export const roleSchema = z.enum(['guest', 'staff', 'organizer']);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const registerRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: passwordSchema,
  country: countrySchema,
  language: languageSchema,
  timeZone: zoneSchema,
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  country: z.string(),
  language: z.string(),
  timeZone: z.string(),
  /** Booth ids this user staffs (staff only). */
  boothIds: z.array(idSchema),
});
export type User = z.infer<typeof userSchema>;

/** `GET /api/me`, and the answer to register and login. Writes must echo `csrfToken` in `X-CSRF-Token`. */
export const sessionResponseSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const updateMeRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  language: languageSchema.optional(),
  timeZone: zoneSchema.optional(),
  country: countrySchema.optional(),
});

/** Change the signed-in user's password: the current one proves it is them (a borrowed session is not enough). */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

/** Ask for a password-reset e-mail. The answer is the same whether or not the address has an account. */
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export type PasswordResetRequest = z.input<typeof passwordResetRequestSchema>;

/** A token from the e-mail's link (single use, expiring) and the new password. */
export const accountTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the token from the e-mail');
export const resetPasswordRequestSchema = z.strictObject({ token: accountTokenSchema, password: passwordSchema });
export type ResetPasswordRequest = z.input<typeof resetPasswordRequestSchema>;

/** The token of a registration's confirmation link. */
export const confirmRegistrationRequestSchema = z.strictObject({ token: accountTokenSchema });
export type ConfirmRegistrationRequest = z.input<typeof confirmRegistrationRequestSchema>;

/** "If the address can receive mail, an e-mail is on its way": the same for every address. */
export const emailSentResponseSchema = z.object({ status: z.literal('email-sent') });
export type EmailSentResponse = z.infer<typeof emailSentResponseSchema>;
export type UpdateMeRequest = z.input<typeof updateMeRequestSchema>;

export const CSRF_HEADER = 'x-csrf-token';
