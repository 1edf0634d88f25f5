"""Users of this database (on a server database, shared by its workstations): log-in with lock-out, passwords
kept as argon2id hashes, and the administrator's management of accounts.

A database whose users have no password yet (made by an older version, the demo, tests) is open: it runs as
its set-up administrator until that administrator is given a password (``set_first_password``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from gridapp import access
from gridapp.changes import Outcome
from gridapp.dto import Actor
from gridapp.errors import NotFound, RuleViolation, UserError
from gridapp.models import GridNode, User
from gridapp.models.base import utcnow
from gridapp.services.audit import add_entry

MIN_PASSWORD = 6
MAX_FAILURES = 5  # wrong passwords in a row before the account waits
LOCK_SECONDS = 60
ADMIN = "admin"
# argon2id at OWASP's minimum (19 MiB, 2 passes): a fraction of a second on an old office PC.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class LoginRefused(UserError):
    """A wrong password, an unknown or disabled user, or an account waiting after too many tries."""


@dataclass(frozen=True)
class UserView:
    id: str
    username: str
    display_name: str
    role: str
    scope_grid_id: str | None
    scope_name: str  # "" for the whole tree
    active: bool
    has_password: bool
    last_login_at: datetime | None
    locked_until: datetime | None


class UserService:
    def __init__(self, ws: Any) -> None:
        self.ws = ws

    # -- signing in -------------------------------------------------------------------------------------------

    def is_open(self) -> bool:
        """True while no user has a password: the database runs as its set-up administrator."""
        with self.ws.read() as s:
            return not s.scalar(select(func.count()).select_from(User).where(User.password_hash != ""))

    def open_actor(self) -> Actor:
        """The set-up administrator of an open database (see ``is_open``)."""
        with self.ws.read() as s:
            admin = s.scalars(select(User).where(User.username == ADMIN)).first()
        if admin is None:
            return Actor("管理员")
        return _actor(admin)

    def set_first_password(self, password: str, username: str = ADMIN) -> Outcome:
        """Give the set-up administrator (``username``: a new server's may have another name) a password; from
        then on everybody logs in."""
        _check_password(password)
        if not self.is_open():
            raise RuleViolation("管理员已经设置过密码。")
        with self.ws.write(self.open_actor()) as tx:
            admin = tx.session.scalars(select(User).where(User.username == username)).first()
            if admin is None:
                admin = User(username=username, display_name="管理员" if username == ADMIN else username,
                             role="管理员")
                tx.session.add(admin)
            admin.password_hash = _HASHER.hash(password)
            admin.active = True
            tx.session.flush()
            add_entry(tx.session, admin.display_name, "set_password", "users", admin.id)
        return Outcome(tx.changes, admin.id)

    def login(self, username: str, password: str, now: datetime | None = None) -> Actor:
        """The actor of a user whose password is right; every try is in the audit log. Refusals are
        LoginRefused in Chinese, and never say whether the user name or the password was wrong."""
        now = now or utcnow()
        username = (username or "").strip()
        with self.ws.write(Actor(username or "（未填用户名）")) as tx:
            s = tx.session
            user = s.scalars(select(User).where(User.username == username)).first()
            refusal, wrong_password = _refusal(user, password, now)
            if not refusal:
                user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
                add_entry(s, username, "login", "users", user.id)
                return _actor(user)
            if wrong_password:
                user.failed_logins += 1
                if user.failed_logins >= MAX_FAILURES:
                    user.failed_logins, user.locked_until = 0, now + timedelta(seconds=LOCK_SECONDS)
                    refusal = (f"密码连续输错{MAX_FAILURES}次，这个账号要等待{LOCK_SECONDS}秒才能再登录。"
                               "忘记密码请找本单位管理员重设。")
            add_entry(s, username, "login_failed", "users", user.id if user else "", {"reason": refusal})
        raise LoginRefused(refusal)

    def logout(self, actor: Actor) -> None:
        with self.ws.write(actor) as tx:
            add_entry(tx.session, actor.name, "logout", "users", actor.user_id or "")

    def change_own_password(self, actor: Actor, old: str, new: str) -> Outcome:
        _check_password(new)
        with self.ws.write(actor) as tx:
            user = _user_by_id(tx.session, actor.user_id)
            if not _verifies(user, old):
                raise RuleViolation("原密码不对，密码没有修改。")
            user.password_hash = _HASHER.hash(new)
            add_entry(tx.session, actor.name, "set_password", "users", user.id)
        return Outcome(tx.changes, user.id)

    # -- the administrator's work -------------------------------------------------------------------------------

    def users(self, actor: Actor) -> list[UserView]:
        access.require(actor, "manage_users")
        with self.ws.read() as s:
            scope = access.scope_path(s, actor)
            names = dict(s.execute(select(GridNode.id, GridNode.name)).all())
            paths = dict(s.execute(select(GridNode.id, GridNode.path)).all())
            rows = s.scalars(select(User).order_by(User.username)).all()
            return [UserView(u.id, u.username, u.display_name, u.role, u.scope_grid_id,
                             names.get(u.scope_grid_id, "") if u.scope_grid_id else "", u.active,
                             bool(u.password_hash), u.last_login_at, u.locked_until)
                    for u in rows if scope is None or access.in_scope(scope, paths.get(u.scope_grid_id))]

    def add(self, actor: Actor, username: str, display_name: str, role: str, scope_grid_id: str | None,
            password: str) -> Outcome:
        """A new account; an administrator scoped to part of the tree gives scopes inside it only."""
        username, display_name = (username or "").strip(), (display_name or "").strip() or (username or "").strip()
        if not username:
            raise RuleViolation("请填写用户名（登录时输入的名字，例如 wangli）。")
        if access.role(role) is None:
            raise RuleViolation(f"角色“{role}”不存在，应为：{'、'.join(r.name for r in access.roles())}。")
        _check_password(password)
        if self.is_open():  # the first password would lock the set-up administrator out
            raise RuleViolation("管理员（admin）还没有密码。请先给管理员设置密码，再添加其他用户；否则添加之后管理员将无法登录。")
        with self.ws.write(actor) as tx:
            s = tx.session
            access.require(actor, "manage_users")
            if s.scalars(select(User).where(User.username == username)).first() is not None:
                raise RuleViolation(f"用户名“{username}”已经有人用了，请换一个。")
            _check_scope(s, actor, scope_grid_id)
            user = User(username=username, display_name=display_name, role=role, scope_grid_id=scope_grid_id,
                        password_hash=_HASHER.hash(password))
            s.add(user)
            s.flush()
            add_entry(s, actor.name, "add_user", "users", user.id, {"username": username, "role": role})
        return Outcome(tx.changes, user.id)

    def reset_password(self, actor: Actor, username: str, password: str) -> Outcome:
        _check_password(password)
        return self._change(actor, username, "reset_password", password_hash=_HASHER.hash(password),
                            failed_logins=0, locked_until=None)

    def set_active(self, actor: Actor, username: str, active: bool) -> Outcome:
        if not active and username == actor_username(self.ws, actor):
            raise RuleViolation("不能停用自己正在使用的账号。")
        return self._change(actor, username, "enable_user" if active else "disable_user", active=active)

    def _change(self, actor: Actor, username: str, action: str, **values: Any) -> Outcome:
        with self.ws.write(actor) as tx:
            s = tx.session
            access.require(actor, "manage_users")
            user = s.scalars(select(User).where(User.username == username)).first()
            if user is None:
                raise NotFound(f"没有用户名为“{username}”的用户。")
            _check_scope(s, actor, user.scope_grid_id)
            for key, value in values.items():
                setattr(user, key, value)
            add_entry(s, actor.name, action, "users", user.id, {"username": username})
        return Outcome(tx.changes, user.id)


def actor_username(ws: Any, actor: Actor) -> str | None:
    if actor.user_id is None:
        return None
    with ws.read() as s:
        return s.scalar(select(User.username).where(User.id == actor.user_id))


def _actor(user: User) -> Actor:
    return Actor(user.display_name or user.username, user.id, user.role, user.scope_grid_id)


def _refusal(user: User | None, password: str, now: datetime) -> tuple[str, bool]:
    """Why the log-in is refused ("" when it is not), and whether it counts as a wrong password."""
    if user is None or not user.password_hash:
        return "用户名或密码不对，请再试一次。", False
    if not user.active:
        return "这个账号已停用，请找本单位管理员。", False
    if user.locked_until is not None and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        return f"密码输错次数太多，请等待{wait}秒后再登录。", False
    if not _verifies(user, password):
        return "用户名或密码不对，请再试一次。", True
    return "", False


def _verifies(user: User, password: str) -> bool:
    try:
        return _HASHER.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise RuleViolation(f"密码至少{MIN_PASSWORD}位。")


def _user_by_id(s: Any, user_id: str | None) -> User:
    user = s.get(User, user_id) if user_id else None
    if user is None:
        raise NotFound("找不到当前用户的账号，请重新登录。")
    return user


def _check_scope(s: Any, actor: Actor, grid_id: str | None) -> None:
    """An administrator hands out scopes inside their own only (None: the whole tree, for unscoped ones)."""
    scope = access.scope_path(s, actor)
    if grid_id is None:
        if scope is not None:
            raise access.Forbidden(f"{actor.name}只能把用户的工作范围设在自己的范围之内。")
        return
    node = s.get(GridNode, grid_id)
    if node is None or node.deleted:
        raise NotFound("找不到这个网格，可能已被删除。")
    if not access.in_scope(scope, node.path):
        raise access.Forbidden(f"{actor.name}只能把用户的工作范围设在自己的范围之内。")
